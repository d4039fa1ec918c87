import process from 'node:process';
import {BatchedWriter} from '../../../output/ndjson/batched-writer.js';
import type {HookReport} from '../../../output/hooks/change-hooks.js';
import {hookLine} from '../../../output/ndjson/ndjson-format.js';
import {serialize, withDevice, writeNdjson} from '../../../output/ndjson/ndjson-writer.js';
import {waitForSignal} from '../../wait-for-signal.js';
import {metricsLine} from '../../../output/metrics/metrics-line.js';
import {metricsAnnouncement, type SinkCommand, startSinks} from './start-sinks.js';
import type {WatchedDevices} from './watched-devices.js';

/**
NDJSON mode: one JSON object per line on stdout until SIGINT, SIGTERM or SIGHUP (exit 0), or until
stdout goes away (a closed pipe also ends the run cleanly). In a fleet every line names its `device`.
*/
export async function runJsonMode(watched: WatchedDevices, command: SinkCommand, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
	const named = watched.fleet !== undefined;
	// One writer for every device's lines and the hooks' lines: one order, written in batches.
	const out = new BatchedWriter(stdout);
	const flushOnExit = () => {
		out.flush();
	};

	process.once('exit', flushOnExit);
	const writeLine = (line: Record<string, unknown>) => {
		out.write(`${serialize(line, watched.redact)}\n`);
	};

	const sinks = await startSinks(watched, command, {
		mode: 'json',
		// NDJSON owns stdout: the bell goes to a terminal on stderr, if there is one.
		bell(text) {
			if (process.stderr.isTTY) {
				process.stderr.write(text);
			}
		},
		hookReport(report: HookReport) {
			writeLine(named ? withDevice(hookLine(report), report.device) : hookLine(report));
		},
		announce(text) {
			process.stderr.write(`c2c-status: ${text}\n`);
		},
		metricsServed(url) {
			// For a person on stderr; for a program reading the lines, the first line (the port of --metrics-port 0).
			process.stderr.write(`c2c-status: ${metricsAnnouncement(url)}\n`);
			writeLine(metricsLine(url, Date.now()));
		},
	});
	const stopWriting = watched.devices.map(({name, monitor}) => writeNdjson(monitor, out, named ? name : undefined));
	const stopAll = async () => {
		await watched.stop();
		await sinks.close();
		for (const stop of stopWriting) {
			stop();
		}

		out.flush();
		process.off('exit', flushOnExit);
	};

	const signal = waitForSignal();
	const pipeClosed = new Promise<void>(resolve => {
		stdout.on('error', () => {
			resolve();
		});
	});
	try {
		await watched.start();
	} catch (error) {
		signal.cancel();
		await stopAll();
		throw error;
	}

	await Promise.race([signal.promise, pipeClosed]);
	signal.cancel();
	await stopAll();
	return 0;
}
