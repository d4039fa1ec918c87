import process from 'node:process';
import {UsageError} from '../../usage-error.js';
import type {MonitorCommand} from './monitor-flags.js';
import {runJsonMode} from './run-json-mode.js';
import {startLive} from './start-live.js';
import {startDemo} from './start-demo.js';
import {watchFleet, watchOneDevice, type WatchedDevices} from './watched-devices.js';

/**
Picks the mode: the demo when asked for or when no token is configured; NDJSON with --json or when
stdout is not a terminal; the live view otherwise. With --config, the same for a fleet.
*/
export async function runMonitor(command: MonitorCommand, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
	const run = async (watched: WatchedDevices, demoStartedAt?: number) => {
		if (command.json || !stdout.isTTY) {
			return runJsonMode(watched, command, stdout);
		}

		// Set before Ink and React load (they are imported here and nowhere earlier):
		// Ink renders only a final frame when it thinks it runs under CI, and this is a person's terminal;
		// React's development build renders about 4x slower and keeps performance entries on every render.
		// (Deleted, not set to "false": chalk turns colour off whenever CI is set at all.)
		delete process.env.CI;
		delete process.env.CONTINUOUS_INTEGRATION;
		process.env.NODE_ENV ??= 'production';
		// The network starts while Ink and React load: the first frame has its answers.
		const [{runTuiMode}, live] = await Promise.all([import('./run-tui-mode.js'), startLive(watched, command)]);
		return runTuiMode(watched, live, {color: command.color, ascii: command.ascii, ...(demoStartedAt === undefined ? {} : {demoStartedAt})});
	};

	if (command.fleet) {
		return run(watchFleet(command.fleet));
	}

	if (command.config && !command.demo) {
		return run(watchOneDevice(command.config));
	}

	// The demo stands in for a missing token only for a person at a terminal who named no API:
	// a script, or someone pointing at an API, gets an error instead of a healthy-looking fake.
	if (!command.demoRequested && (command.json || !stdout.isTTY || command.apiUrlGiven)) {
		throw new UsageError('no access token: pair this device with c2c-status pair, or set FRAMEIO_TOKEN or --token-file (or use --demo for the built-in emulator).');
	}

	const demo = await startDemo(command);
	if (command.json || !stdout.isTTY) {
		process.stderr.write(`c2c-status: demo: monitoring the built-in emulator at ${demo.url}, not Frame.io\n`);
	}

	try {
		return await run(watchOneDevice(demo.config, demo.monitorOptions), demo.startedAt);
	} finally {
		await demo.close();
	}
}
