export const monitorHelp = `
	Usage
	  $ c2c-status [options]            monitor a device (a live view in a terminal, NDJSON otherwise)
	  $ c2c-status --demo               the same, against a built-in emulator that cycles through every state
	  $ c2c-status emulator [options]   run the Frame.io emulator on its own (see c2c-status emulator --help)

	Options
	  --api-url URL            Frame.io API (env FRAMEIO_API_URL; default https://api.frame.io)
	  --token-file PATH        read the access token from this file, re-read when it changes
	                           (otherwise env FRAMEIO_TOKEN; with neither, the demo runs)
	  --client-version X.Y.Z   sent as x-client-version (default 2.0.0)
	  --health-interval SECS   how often to check /health (default 10, minimum 2)
	  --insecure               allow plain http:// to a host other than this machine
	  --json                   NDJSON on stdout even in a terminal (automatic when stdout is not a terminal)
	  --demo                   monitor the built-in emulator, whatever token is configured
	  --no-color               no colours (NO_COLOR is honoured too)
	  --ascii                  ASCII symbols only, for terminals without Unicode
	  --help, --version

	Exit codes
	  0  stopped by q, Ctrl+C, SIGINT, SIGTERM or SIGHUP
	  1  could not run (for example, the demo emulator could not listen)
	  2  bad flag, value or token file
`;

export const emulatorHelp = `
	Usage
	  $ c2c-status emulator [options]

	A local stand-in for Frame.io's device endpoints: /health, /v2/devices/me, the device websocket
	(Phoenix channels, V1 JSON), pairing and refresh, and a control API under /_emulator/.

	Options
	  --port N                 port to listen on (default 4010; 0 picks a free one)
	  --host ADDRESS           address to listen on (default 127.0.0.1)
	  --token T                the access token the device accepts (default: demo)
	  --device-id ID           the device's id (default: a fixed UUID)
	  --idle-timeout SECS      close a socket that sends nothing for this long (default 60)
	  --health-shape ok|status answer /health with {"ok":true} (default) or {"status":"ok"}
	  --strict-rate-limit      answer identity requests closer than 60 s apart with 429
	  --demo                   run the demo timeline: pause, resume, health outage, dropped socket
	  --quiet                  do not log what happens
	  --help

	Stops on Ctrl+C (SIGINT) or SIGTERM with exit code 0.
`;
