import process from 'node:process';
import {randomBytes} from 'node:crypto';
import {mkdir, open, rename, unlink} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';

export type AtomicWriteOptions = {
	/** The file's mode, set when the temporary file is created (so it is never readable by others, even briefly). */
	readonly mode: number;
	/** The folder's mode, if it has to be created. */
	readonly directoryMode?: number;
};

/**
Replaces a file so that a reader sees either the old contents or the new, never a mix, even if the
process dies half-way: a temporary file in the same folder, fsync, then rename over the target.
*/
export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions): Promise<void> {
	const directory = dirname(path);
	await mkdir(directory, {recursive: true, mode: options.directoryMode ?? 0o700});
	const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	const handle = await open(temporary, 'wx', options.mode);
	try {
		try {
			await handle.writeFile(data, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}

		await rename(temporary, path);
	} catch (error) {
		try {
			await unlink(temporary);
		} catch {}

		throw error;
	}

	await syncDirectory(directory);
}

/** Makes the rename itself durable; some file systems refuse to open a folder, which is harmless. */
async function syncDirectory(directory: string): Promise<void> {
	try {
		const handle = await open(directory, 'r');
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {}
}
