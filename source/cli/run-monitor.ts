import type {MonitorConfig} from '../core/monitor-config.js';
import type {MonitorCommand} from './monitor-flags.js';
import {runJsonMode} from './run-json-mode.js';
import {startDemo} from './start-demo.js';

/**
Picks the mode: the demo when asked for or when no token is configured; NDJSON with --json or when
stdout is not a terminal; the live view otherwise.
*/
export async function runMonitor(command: MonitorCommand, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
	const run = async (config: MonitorConfig, demoStartedAt?: number) => {
		if (command.json || !stdout.isTTY) {
			return runJsonMode(config, stdout);
		}

		// Set before Ink and React load (they are imported here and nowhere earlier):
		// Ink renders only a final frame when it thinks it runs under CI, and this is a person's terminal;
		// React's development build renders about 4x slower and keeps performance entries on every render.
		// (Deleted, not set to "false": chalk turns colour off whenever CI is set at all.)
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
		process.env['NODE_ENV'] ??= 'production';
		const {runTuiMode} = await import('./run-tui-mode.js');
		return runTuiMode(config, {color: command.color, ascii: command.ascii, ...(demoStartedAt === undefined ? {} : {demoStartedAt})});
	};

	if (command.config && !command.demo) {
		return run(command.config);
	}

	const demo = await startDemo(command);
	try {
		return await run(demo.config, demo.startedAt);
	} finally {
		await demo.close();
	}
}
