export const reportHelp = `
	Usage
	  $ c2c-status report [--since 12h | --from TIME [--to TIME]] [devices] [--json]

	What happened, from the journal the monitor, the fleet and check keep (see README "History"):
	each device's pause windows first (exact when an event marked them, "between … and …" when only
	identity polls saw them), then its outages by kind, token refreshes, and the time nobody watched.

	The range (default: the last 24 hours)
	  --since DURATION         12h, 90m, 1h30m, 2d: up to now
	  --from TIME, --to TIME   local time: 14:00 (the latest 14:00 not after now; as --to, the first
	                           after --from), 2026-11-27 (midnight), 2026-11-27 14:00, or an ISO time with
	                           Z or an offset (2026-11-27T13:00:00Z); --to defaults to now

	The devices, as the monitor names them
	  --config FILE            every device of a fleet config, by its name
	  --token-file PATH, --credentials FILE, --api-url URL   one device (FRAMEIO_TOKEN and the default
	                           credentials file work the same way); it goes by the name Frame.io gave it
	  (none of these)          every device that has a journal on this machine

	Options
	  --json                   one JSON object: {"from", "to", "devices": [{"device", "pauses", "outages", …}]}
	  --help

	Exit codes
	  0  a report (a device with no journal is in it, saying so)
	  2  bad usage
`;
