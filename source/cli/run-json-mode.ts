import process from 'node:process';
import {Monitor, type MonitorOptions} from '../core/monitor.js';
import type {MonitorConfig} from '../core/monitor-config.js';
import {writeNdjson} from '../output/ndjson-writer.js';
import {startMonitor} from './start-monitor.js';
import {waitForSignal} from './wait-for-signal.js';

/**
NDJSON mode: one JSON object per line on stdout until SIGINT, SIGTERM or SIGHUP (exit 0), or until
stdout goes away (a closed pipe also ends the run cleanly).
*/
export async function runJsonMode(config: MonitorConfig, options: MonitorOptions = {}, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
	const monitor = new Monitor(config, options);
	const stopWriting = writeNdjson(monitor, stdout);
	const signal = waitForSignal();
	const pipeClosed = new Promise<void>(resolve => {
		stdout.on('error', () => {
			resolve();
		});
	});
	try {
		await startMonitor(monitor);
	} catch (error) {
		signal.cancel();
		stopWriting();
		throw error;
	}

	await Promise.race([signal.promise, pipeClosed]);
	signal.cancel();
	await monitor.stop();
	stopWriting();
	return 0;
}

