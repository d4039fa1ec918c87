export const monitorHelp = `
	Usage
	  $ c2c-status [options]            monitor a device (a live view in a terminal, NDJSON otherwise)
	  $ c2c-status --demo               the same, against a built-in emulator that cycles through every state
	  $ c2c-status --config FILE        several devices: a fleet table (NDJSON lines name their device)
	  $ c2c-status check [options]      one pass for cron and monitoring plugins (see c2c-status check --help)
	  $ c2c-status report [options]     pause windows and outages from the journal (see c2c-status report --help)
	  $ c2c-status replay FILE          play a --record file in the live view (see c2c-status replay --help)
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

	Several devices, and operations
	  --config FILE            the devices a JSON file names, each with its own token source:
	                           {"devices": [{"name": "A-cam", "tokenFile": "a.token"},
	                                        {"name": "B-cam", "credentials": "b.json", "apiUrl": "…"}]}
	                           (keys: name, tokenFile | credentials | tokenEnv, apiUrl, clientVersion)
	  --metrics-port N         serve Prometheus metrics at /metrics (9464 is usual; 0 picks a free port)
	  --metrics-host ADDRESS   where to listen (default 127.0.0.1; 0.0.0.0 to be scraped from elsewhere)
	  --on-change COMMAND      run COMMAND through /bin/sh when a device's Paused or Connected changes,
	                           or Paused's confirmation comes or goes, with C2C_DEVICE, C2C_PAUSED
	                           (yes/no/unknown), C2C_PAUSED_CONFIRMED (yes/no), C2C_CONNECTED
	                           (yes/no/unknown), C2C_CHANGED (paused/connected/confirmed), C2C_PROJECT
	  --on-change-interval S   at most one hook run per device every S seconds (default 1; 0 to 3600)
	  --bell                   ring the terminal bell when a device becomes paused or not connected
	  --journal-days N         keep the journal of what happened this many days (default 30; 0: none)
	  --record FILE            also write the whole NDJSON stream, frames included, to FILE (mode 0600)

	Exit codes
	  0  stopped by q, Ctrl+C, SIGINT, SIGTERM or SIGHUP
	  1  could not run (for example, the metrics port is in use, or the demo emulator could not listen)
	  2  bad flag, value, token file, credentials file or --config file
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

export const checkHelp = `
	Usage
	  $ c2c-status check [options]

	One pass, for cron and monitoring systems (Nagios, Icinga, Sensu, Zabbix …): /health, the identity
	(reusing one under 60 s old, as Frame.io's rule asks, even across runs), and the socket joining the
	device channel. It stops as soon as the answer is known and prints one line:
	  C2C OK - joined devices:…, not paused, health 21 ms | health_ms=21 join_ms=35 identity_age_s=0

	Options
	  --json                   one JSON object instead of the line
	  --timeout SECS           give up after this long (default 15; 1 to 300)
	  --no-socket              check /health and the identity only
	  --journal-days N         keep the journal this many days (default 30; 0: this check writes none)
	  --api-url, --token-file, --credentials, --client-id, --client-secret-file, --client-version,
	  --insecure               as for the monitor (see c2c-status --help); FRAMEIO_TOKEN and the default
	                           credentials file are used the same way

	Exit codes
	  0  OK: Frame.io reachable, the socket joined, not paused
	  1  WARNING: paused, or the device's authorization (or a token whose refresh is failing) ends within an hour
	  2  CRITICAL: /health failing, the token rejected or pairing needed, the join refused (or not done in time)
	  3  UNKNOWN: bad usage or configuration, or no answer before the timeout
`;

export const logoutHelp = `
	Usage
	  $ c2c-status logout [options]

	Revokes the paired credentials' refresh token at Frame.io, then deletes the credentials file.

	Options
	  --credentials FILE       the credentials file (default $XDG_CONFIG_HOME/c2c-status/credentials.json)
	  --api-url URL            must be the API the credentials were paired with, which the revoke goes to
	                           (env FRAMEIO_API_URL); another is refused (exit 2). --insecure as for pair
	  --force                  delete the file even when the revoke fails (for example, offline)
	  --client-id ID, --client-secret-file PATH   instead of the ones the file keeps
	  --client-version X.Y.Z   sent as x-client-version (default 2.0.0)
	  --help

	Exit codes
	  0  revoked and deleted (or deleted with --force)
	  1  the revoke failed; the file is kept (use --force to delete it anyway)
	  2  bad usage, no credentials file, or --api-url names another API than the credentials'
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
	  --devices N              emulate N devices (1 to 200), for trying --config: the first takes --token,
	                           the others <token>-2, <token>-3 … (each is listed when the emulator starts)
	  --idle-timeout SECS      close a socket that sends nothing for this long (default 60)
	  --health-shape ok|status answer /health with {"ok":true} (default) or {"status":"ok"}
	  --strict-rate-limit      answer identity requests closer than 60 s apart with 429
	  --token-ttl SECS         lifetime of the access tokens pairing and refresh issue (default 28800;
	                           1 to 28800): short ones let you watch a monitor refresh them
	  --client-secret-file PATH  the device model's client_secret that pairing, refresh and revoke
	                           require, on the file's first line (default: emulator-secret)
	  --demo                   run the demo timeline: pause, resume, health outage, dropped socket
	  --audit                  referee every client against Frame.io's rules: each broken rule is logged
	                           as it happens, GET /_emulator/audit answers the verdicts, a table at exit
	  --audit-exercise         take the device under test through a refresh, closes, a pause, a /health
	                           outage, a 403 period and a cut period (about 10 minutes from its first join),
	                           then print the report and exit; access tokens last 300 s unless --token-ttl
	  --audit-report FILE      also write the verdicts as JSON to FILE at exit
	  --quiet                  do not log what happens (broken rules are still printed)
	  --help

	Stops on Ctrl+C (SIGINT) or SIGTERM with exit code 0, or when the audit exercise ends: 0 when no rule
	was broken, 3 when one was. Exit code 1: it could not start, or the audit report could not be written.
`;
