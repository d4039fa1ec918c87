import {closeSync, constants, createWriteStream, fchmodSync, fstatSync, ftruncateSync, openSync, statSync, type WriteStream} from 'node:fs';
import type {Monitor} from '../../../core/monitor.js';
import {describeError} from '../../../core/utils/describe-error.js';
import {fileKind} from '../../../core/utils/read-regular-file.js';
import {BatchedWriter} from '../../../output/ndjson/batched-writer.js';
import type {HookReport} from '../../../output/hooks/change-hooks.js';
import {hookLine} from '../../../output/ndjson/ndjson-format.js';
import {serialize, withDevice, writeNdjson} from '../../../output/ndjson/ndjson-writer.js';
import {printable} from '../../../text/sanitize.js';
import {packageInfo} from '../../options/package-info.js';
import {UsageError} from '../../usage-error.js';

/** The recording's format: its header says it, so that a later replay knows what it reads. */
export const recordingFormat = 1;

export type RecordedDevice = {
	readonly name: string;
	readonly monitor: Pick<Monitor, 'events' | 'redact' | 'config'>;
};

export type Recording = {
	/** Writes a hook's run, as --json would. */
	hook(report: HookReport): void;
	/** Writes what waits and closes the file. */
	close(): Promise<void>;
};

/**
`--record FILE`: the complete NDJSON stream, frames included, exactly what `--json` prints (the same
lines, the same redaction, `device` on each in a fleet), after a `recording` header line. The file is
created (or emptied) with mode 0600; it holds no secret, like every other output. Written in batches,
as --json is, so a flood costs a few hundred writes. A file that cannot be opened is the person's to
fix: a UsageError before anything starts.
*/
export function startRecording(path: string, devices: readonly RecordedDevice[], options: {readonly fleet: boolean; readonly now?: () => number}): Recording {
	const stream = openRecording(path);
	const out = new BatchedWriter(stream);
	const redact = (text: string) => {
		let result = text;
		for (const {monitor} of devices) {
			result = monitor.redact(result);
		}

		return result;
	};

	const now = new Date((options.now ?? Date.now)()).toISOString();
	const first = devices[0]?.monitor.config.apiUrl;
	out.write(`${serialize({
		time: now, type: 'recording', version: packageInfo().version, format: recordingFormat, apiUrl: first === undefined ? null : bareUrl(first), startedAt: now,
		...(options.fleet ? {devices: devices.map(({name, monitor}) => ({device: name, apiUrl: bareUrl(monitor.config.apiUrl)}))} : {}),
	}, redact)}\n`);
	const stops = devices.map(({name, monitor}) => writeNdjson(monitor, out, options.fleet ? name : undefined));
	return {
		hook(report) {
			const line = hookLine(report);
			out.write(`${serialize(options.fleet ? withDevice(line, report.device) : line, redact)}\n`);
		},
		async close() {
			for (const stop of stops.splice(0)) {
				stop();
			}

			out.flush();
			await new Promise<void>(resolve => {
				stream.end(resolve);
			});
		},
	};
}

// eslint-disable-next-line no-bitwise -- open(2) flags are bits
const recordingFlags = constants.O_WRONLY | constants.O_CREAT | constants.O_NONBLOCK;

/**
Only a regular file is recorded into. The open cannot wait (O_NONBLOCK: a FIFO with no reader would
block an open for writing for ever, and one with a reader would make writes fail halfway), and the file
is looked at before it is emptied, so a FIFO, a folder or a device is refused with nothing changed.
*/
function openRecording(path: string): WriteStream {
	const refuse = (problem: string) => new UsageError(`--record ${printable(path)}: ${problem}`);
	let fd: number;
	try {
		fd = openSync(path, recordingFlags, 0o600);
	} catch (error) {
		// ENXIO: a FIFO that nobody reads; EISDIR: a folder (a stat never waits).
		const {code} = error as NodeJS.ErrnoException;
		throw refuse(code === 'ENXIO' || code === 'EISDIR' ? `it is ${kindOf(path)}, not a regular file` : describeError(error));
	}

	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) {
			throw refuse(`it is ${fileKind(stats)}, not a regular file`);
		}

		ftruncateSync(fd, 0);
		// An existing file keeps its mode on open: a recording is 0600 whatever was there before.
		fchmodSync(fd, 0o600);
	} catch (error) {
		closeSync(fd);
		throw error instanceof UsageError ? error : refuse(describeError(error));
	}

	const stream = createWriteStream(path, {fd});
	// A disk that fills up mid-run ends the recording, never the monitor.
	stream.on('error', () => undefined);
	return stream;
}

function kindOf(path: string): string {
	try {
		return fileKind(statSync(path));
	} catch {
		return 'not a file';
	}
}

/** The API URL without any user or password in it (a recording is meant to be shared). */
function bareUrl(url: URL): string {
	const bare = new URL(url.href);
	bare.username = '';
	bare.password = '';
	return bare.href.replace(/\/$/, '');
}
