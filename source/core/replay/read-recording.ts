import {readFile, stat} from 'node:fs/promises';
import {describeError} from '../utils/describe-error.js';
import {parseRecording, type RecordingText} from './recorded-line.js';

/** A recording larger than this is refused rather than read whole into memory. */
export const maxRecordingBytes = 1024 * 1024 * 1024;

export type RecordingRead = ({readonly ok: true} & RecordingText) | {readonly ok: false; readonly problem: string};

/**
Reads a recording (`--record FILE`), or any NDJSON the monitor printed. Not one that cannot be read, is
too large, or holds no line the monitor writes (not its NDJSON): those give one line saying why.
*/
export async function readRecording(path: string): Promise<RecordingRead> {
	let text: string;
	try {
		const {size} = await stat(path);
		if (size > maxRecordingBytes) {
			return {ok: false, problem: `${size} bytes: larger than a recording may be (1 GiB)`};
		}

		text = await readFile(path, 'utf8');
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		return {ok: false, problem: code === 'ENOENT' ? 'no such file' : (code === 'EISDIR' ? 'a folder, not a file' : describeError(error))};
	}

	const read = parseRecording(text);
	if (read.lines.length === 0) {
		return {ok: false, problem: 'not a recording: no line of the monitor\'s NDJSON in it'};
	}

	return {ok: true, ...read};
}
