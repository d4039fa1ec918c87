export const replayHelp = `
	Usage
	  $ c2c-status replay FILE [options]

	Plays a recording (c2c-status --record FILE), or any NDJSON the monitor printed, in the live view:
	the panels show the state as of the replay's cursor, the traffic log the frames up to it, and the
	title the file, the cursor's time and the speed.

	Keys
	  Space                    play or pause
	  Right, Left              the next or previous change of Paused, Connected or the socket
	  +, -                     faster or slower (x1, x2, x5, x10, x30, x60, x300, x600, x3600)
	  Home, End                the start or the end of the recording
	  t                        the timeline of the recording: every pause window and outage
	  the others               as in the live view (r and c act on a live device: not here)

	Options
	  --json                   print the recorded lines again instead (automatic when stdout is not a terminal)
	  --device NAME            a fleet's recording: the device to play (default: the first one in it)
	  --speed N                the speed to start at (default 10)
	  --no-color, --ascii, --help

	Exit codes
	  0  played (or printed) to the end, or stopped with q
	  2  bad usage, a missing file, or one that is not the monitor's NDJSON
`;
