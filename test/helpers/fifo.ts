import {spawnSync} from 'node:child_process';
import {constants} from 'node:fs';
import {open} from 'node:fs/promises';

const made: string[] = [];

/** Makes a named pipe at `path` with no writer: an open for reading that waits blocks until one comes. */
export function makeFifo(path: string): string {
	const result = spawnSync('mkfifo', [path]);
	if (result.status !== 0) {
		throw new Error(`mkfifo ${path}: ${String(result.stderr)}`);
	}

	made.push(path);
	return path;
}

/**
For afterEach, before removing the folders: lets a reader or a writer stuck opening one of the FIFOs
go (the code under test regressed), so that the failure is a failed test, not a worker thread blocked
for ever. Each end is opened without waiting (the write end only opens when a reader is there: ENXIO
otherwise), which lets the other end's open return.
*/
export async function releaseFifos(): Promise<void> {
	for (const path of made.splice(0)) {
		for (const end of [constants.O_RDONLY, constants.O_WRONLY]) {
			try {
				// eslint-disable-next-line no-bitwise -- open(2) flags are bits
				const handle = await open(path, end | constants.O_NONBLOCK);
				await handle.close();
			} catch {}
		}
	}
}
