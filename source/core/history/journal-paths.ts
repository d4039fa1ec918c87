import {createHash} from 'node:crypto';
import {basename, dirname, join} from 'node:path';

/**
Where the journal lives: `<state directory>/journal/<device key>/<UTC day>.ndjson`.

- The device key is the one the per-device state file is named after (`device-<key>.json`): a hash of
  the API URL and of where the token comes from (a token file's or credentials file's path, or a hash
  of an environment token). It is known before the first request, `report` computes it from the same
  flags or config the monitor took, and it never holds a token.
- A file holds one UTC day. Every process names the same file for the same moment, whatever its time
  zone, and every day is 24 hours long. A person's day is a local one: `report` and the views ask for a
  range in local time, and the reader opens the files that overlap it.
*/
export const journalFolderName = 'journal';

export const dayMs = 24 * 60 * 60 * 1000;

/** How often a running journal writes a `monitor` `alive` line (a run killed with SIGKILL ends at its last line). */
export const journalAliveEveryMs = 5 * 60 * 1000;

/** A run with no `stopped` line whose last line is older than this is taken as ended there (killed, or the machine went down). */
export const runPresumedEndedAfterMs = (2 * journalAliveEveryMs) + 60_000;

const dayFilePattern = /^(\d{4})-(\d{2})-(\d{2})\.ndjson$/;

/** `<state directory>/journal`. */
export function journalRoot(stateDirectory: string): string {
	return join(stateDirectory, journalFolderName);
}

/** The device's key: the same hash that names its state file. */
export function journalKey(apiUrl: string, tokenOrigin: string): string {
	return createHash('sha256').update(`${apiUrl}\n${tokenOrigin}`).digest('hex').slice(0, 24);
}

export function deviceJournalDirectory(root: string, key: string): string {
	return join(root, key);
}

/** The UTC midnight at or before `at`. */
export function dayStart(at: number): number {
	return Math.floor(at / dayMs) * dayMs;
}

/** `2026-11-27.ndjson`: the file for the UTC day holding `at`. */
export function dayFileName(at: number): string {
	return `${new Date(dayStart(at)).toISOString().slice(0, 10)}.ndjson`;
}

/** The UTC midnight that starts the day a journal file is named after, or undefined for any other name. */
export function parseDayFileName(name: string): number | undefined {
	const match = dayFilePattern.exec(name);
	if (!match) {
		return undefined;
	}

	const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
	return dayFileName(at) === name ? at : undefined;
}

const stateFilePattern = /^device-([\da-f]+)\.json$/;

/**
The journal folder of the device whose state file is `statePath` (`<state directory>/device-<key>.json`):
`<state directory>/journal/<key>`. The same key, so a device's state and journal are found together, and
`report` finds the journal from the same flags or config the monitor took. Undefined for a path not
named that way.
*/
export function journalDirectoryForState(statePath: string): string | undefined {
	const key = stateFilePattern.exec(basename(statePath))?.[1];
	return key === undefined ? undefined : deviceJournalDirectory(journalRoot(dirname(statePath)), key);
}
