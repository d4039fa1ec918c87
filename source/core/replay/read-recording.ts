import {stat} from 'node:fs/promises';
import {describeError} from '../utils/describe-error.js';
import {FileTooLargeError, NotRegularFileError, readRegularFile} from '../utils/read-regular-file.js';
import {parseRecording, type RecordingText} from './recorded-line.js';

/** A recording larger than this is refused rather than read whole into memory. */
export const maxRecordingBytes = 1024 * 1024 * 1024;

export type RecordingRead = ({readonly ok: true} & RecordingText) | {readonly ok: false; readonly problem: string};

/**
Reads a recording (`--record FILE`), or any NDJSON the monitor printed. Not one that cannot be read, is
not a regular file (a FIFO would block the read for ever: it is opened without waiting and refused),
is too large, or holds no line the monitor writes (not its NDJSON): those give one line saying why.
*/
export async function readRecording(path: string): Promise<RecordingRead> {
	let text: string;
	try {
		// Looked at first (a stat never waits), so that a huge file is refused before any of it is read.
		const {size} = await stat(path);
		if (size > maxRecordingBytes) {
			return {ok: false, problem: `${size} bytes: larger than a recording may be (1 GiB)`};
		}

		text = await readRegularFile(path, maxRecordingBytes);
	} catch (error) {
		return {ok: false, problem: readProblem(error)};
	}

	const read = parseRecording(text);
	if (read.lines.length === 0) {
		return {ok: false, problem: 'not a recording: no line of the monitor\'s NDJSON in it'};
	}

	return {ok: true, ...read};
}

function readProblem(error: unknown): string {
	if (error instanceof NotRegularFileError) {
		return error.kind === 'a directory' ? 'a folder, not a file' : `${error.kind}, not a regular file`;
	}

	if (error instanceof FileTooLargeError) {
		return 'larger than a recording may be (1 GiB)';
	}

	const {code} = error as NodeJS.ErrnoException;
	return code === 'ENOENT' ? 'no such file' : (code === 'EISDIR' ? 'a folder, not a file' : describeError(error));
}
