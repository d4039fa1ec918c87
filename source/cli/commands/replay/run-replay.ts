import {basename} from 'node:path';
import process from 'node:process';
import {readRecording} from '../../../core/replay/read-recording.js';
import {printable} from '../../../text/sanitize.js';
import {UsageError} from '../../usage-error.js';
import type {ReplayCommand} from './replay-flags.js';

/**
`c2c-status replay FILE`: the recording in the live view, or (with --json, or when stdout is not a
terminal) its lines printed again as they were recorded, for scripts. Lines that could not be read are
skipped and counted (the view says how many; with --json, one line on stderr).
*/
export async function runReplay(command: ReplayCommand, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
	const read = await readRecording(command.file);
	if (!read.ok) {
		throw new UsageError(`${printable(command.file)}: ${read.problem}.`);
	}

	const devices = new Set(read.lines.map(line => line.device).filter(device => device !== null));
	if (command.device !== undefined && !devices.has(command.device)) {
		throw new UsageError(`--device ${printable(command.device)}: not in the recording${devices.size > 0 ? ` (it has ${[...devices].map(device => printable(device)).join(', ')})` : ''}.`);
	}

	if (command.json || !stdout.isTTY) {
		stdout.write(read.lines.map(line => `${line.text}\n`).join(''));
		if (read.skipped > 0) {
			process.stderr.write(`c2c-status replay: ${read.skipped} ${read.skipped === 1 ? 'line' : 'lines'} could not be read and ${read.skipped === 1 ? 'was' : 'were'} skipped\n`);
		}

		return 0;
	}

	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	process.env.NODE_ENV ??= 'production';
	const {runReplayScreen} = await import('./run-replay-screen.js');
	return runReplayScreen({...read, name: basename(command.file)}, command);
}
