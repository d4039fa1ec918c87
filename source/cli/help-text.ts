export const monitorHelp = `
	Usage
	  $ c2c-status [options]            monitor a device (a live view in a terminal, NDJSON otherwise)
	  $ c2c-status --demo               the same, against a built-in emulator that cycles through every state
	  $ c2c-status pair [options]       pair a device, once (see c2c-status pair --help)
	  $ c2c-status logout [options]     revoke and forget the paired credentials
	  $ c2c-status emulator [options]   run the Frame.io emulator on its own (see c2c-status emulator --help)

	The token, most explicit first
	  --token-file PATH        watch a token that other software refreshes (re-read when it changes)
	  --credentials FILE       own the credentials that c2c-status pair saved, and refresh them
	  FRAMEIO_TOKEN            a token that other software refreshes
	  the default credentials  $XDG_CONFIG_HOME/c2c-status/credentials.json, when pair left one
	  (with none of these, the demo runs in a terminal)

	Options
	  --api-url URL            Frame.io API (env FRAMEIO_API_URL; default https://api.frame.io,
	                           or the API the credentials were paired with)
	  --client-id ID           for refreshing owned credentials, instead of the file's (env FRAMEIO_CLIENT_ID)
	  --client-secret-file F   the client secret's file, instead of the file's (env FRAMEIO_CLIENT_SECRET)
	  --client-version X.Y.Z   sent as x-client-version (default 2.0.0)
	  --health-interval SECS   how often to check /health (default 10; 2 to 3600)
	  --insecure               allow plain http:// to a host other than this machine
	  --json                   NDJSON on stdout even in a terminal (automatic when stdout is not a terminal)
	  --demo                   monitor the built-in emulator, whatever token is configured
	  --no-color               no colours (NO_COLOR is honoured too)
	  --ascii                  ASCII symbols only, for terminals without Unicode
	  --help, --version

	Exit codes
	  0  stopped by q, Ctrl+C, SIGINT, SIGTERM or SIGHUP
	  1  could not run (for example, the demo emulator could not listen)
	  2  bad flag, value, token file or credentials file
`;

export const pairHelp = `
	Usage
	  $ c2c-status pair [options]

	Pairs this device with a Frame.io project through the device-code flow: it shows a six-digit code
	(and a QR code) to enter in Frame.io, waits for the approval, and saves the credentials, which the
	monitor then keeps alive by itself. In a terminal it is a full screen; otherwise NDJSON lines.

	The device's client credentials
	  FRAMEIO_CLIENT_ID, FRAMEIO_CLIENT_SECRET   from the environment, or:
	  --client-id ID                             a unique id for this device (a serial number)
	  --client-secret-file PATH                  the device model's secret, on the file's first line
	                                             (no flag takes the secret itself: ps would show it)

	Options
	  --api-url URL            Frame.io API (env FRAMEIO_API_URL; default https://api.frame.io)
	  --credentials FILE       where to save them (default $XDG_CONFIG_HOME/c2c-status/credentials.json)
	  --client-version X.Y.Z   sent as x-client-version (default 2.0.0)
	  --insecure               allow plain http:// to a host other than this machine
	  --json                   NDJSON lines even in a terminal
	  --no-color, --ascii, --help

	Exit codes
	  0  paired (the credentials file is written, mode 0600)
	  1  the code expired, or pairing was refused, or Frame.io could not be reached
	  2  bad usage
`;

export const logoutHelp = `
	Usage
	  $ c2c-status logout [options]

	Revokes the paired credentials' refresh token at Frame.io, then deletes the credentials file.

	Options
	  --credentials FILE       the credentials file (default $XDG_CONFIG_HOME/c2c-status/credentials.json)
	  --force                  delete the file even when the revoke fails (for example, offline)
	  --client-id ID, --client-secret-file PATH   instead of the ones the file keeps
	  --client-version X.Y.Z   sent as x-client-version (default 2.0.0)
	  --help

	Exit codes
	  0  revoked and deleted (or deleted with --force)
	  1  the revoke failed; the file is kept (use --force to delete it anyway)
	  2  bad usage, or no credentials file
`;

export const emulatorHelp = `
	Usage
	  $ c2c-status emulator [options]

	A local stand-in for Frame.io's device endpoints: /health, /v2/devices/me, the device websocket
	(Phoenix channels, V1 JSON), pairing, refresh and revoke, and a control API under /_emulator/.

	Options
	  --port N                 port to listen on (default 4010; 0 picks a free one)
	  --host ADDRESS           address to listen on (default 127.0.0.1)
	  --token T                the access token the device accepts (default: demo)
	  --device-id ID           the device's id (default: a fixed UUID)
	  --idle-timeout SECS      close a socket that sends nothing for this long (default 60)
	  --health-shape ok|status answer /health with {"ok":true} (default) or {"status":"ok"}
	  --strict-rate-limit      answer identity requests closer than 60 s apart with 429
	  --token-ttl SECS         lifetime of the access tokens pairing and refresh issue (default 28800;
	                           1 to 28800): short ones let you watch a monitor refresh them
	  --demo                   run the demo timeline: pause, resume, health outage, dropped socket
	  --quiet                  do not log what happens
	  --help

	Stops on Ctrl+C (SIGINT) or SIGTERM with exit code 0.
`;
