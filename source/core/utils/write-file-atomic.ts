import process from 'node:process';
import {Buffer} from 'node:buffer';
import {randomBytes} from 'node:crypto';
import {type FileHandle, lstat, mkdir, open, readlink, rename, unlink} from 'node:fs/promises';
import {basename, dirname, join, resolve} from 'node:path';
import {fileKind, NotRegularFileError} from './read-regular-file.js';

export type AtomicWriteOptions = {
	/** The file's mode, set when the temporary file is created (so it is never readable by others, even briefly). */
	readonly mode: number;
	/** The folder's mode, if it has to be created. */
	readonly directoryMode?: number;
};

/** Symbolic links followed before giving up (Linux's own limit is 40). */
const maxLinks = 40;

/**
Replaces a file so that a reader sees either the old contents or the new, never a mix, even if the
process dies half-way: a temporary file in the same folder, fsync, then rename over the target.

A symbolic link is written through: the file it points to is replaced, in that file's own folder (a
rename is atomic only within one file system), and the link stays. Anything at the path that is not a
regular file (a folder, a FIFO) is refused rather than replaced.
*/
export async function writeFileAtomic(path: string, data: string, options: AtomicWriteOptions): Promise<void> {
	const {target, directory, temporary, handle} = await openTemporary(path, options);
	try {
		try {
			await handle.writeFile(data, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}

		await rename(temporary, target);
	} catch (error) {
		await removeQuietly(temporary);
		throw error;
	}

	await syncDirectory(directory);
}

/**
Finds out whether `bytes` could be written to `path` now, without touching it: the same checks as a
write (what the path is, through its links), then a temporary file of that size in the target's folder,
written, fsynced and removed. Throws what the write would throw (ENOSPC on a full disk, EDQUOT, EROFS,
EACCES, NotRegularFileError); for a file that must not be lost, a write that is about to matter.
*/
export async function probeWrite(path: string, bytes: number, options: AtomicWriteOptions): Promise<void> {
	const {temporary, handle} = await openTemporary(path, options);
	try {
		await handle.write(Buffer.alloc(bytes, 0x20));
		await handle.sync();
	} finally {
		await handle.close();
		await removeQuietly(temporary);
	}
}

/**
The file a write to `path` replaces: `path` itself, or the end of its chain of symbolic links (which
may not exist yet). Throws NotRegularFileError when something other than a regular file is there.
*/
export async function writableTarget(path: string): Promise<string> {
	let current = resolve(path);
	for (let links = 0; links <= maxLinks; links++) {
		let stats;
		try {
			// eslint-disable-next-line no-await-in-loop -- one link after another
			stats = await lstat(current);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				return current;
			}

			throw error;
		}

		if (!stats.isSymbolicLink()) {
			if (!stats.isFile()) {
				throw new NotRegularFileError(path, fileKind(stats));
			}

			return current;
		}

		// eslint-disable-next-line no-await-in-loop -- one link after another
		current = resolve(dirname(current), await readlink(current));
	}

	throw Object.assign(new Error(`${path}: too many symbolic links`), {code: 'ELOOP'});
}

/** A new temporary file (mode set at creation) beside the file a write to `path` replaces, its folder made if need be. */
async function openTemporary(path: string, options: AtomicWriteOptions): Promise<{target: string; directory: string; temporary: string; handle: FileHandle}> {
	const target = await writableTarget(path);
	const directory = dirname(target);
	await mkdir(directory, {recursive: true, mode: options.directoryMode ?? 0o700});
	const temporary = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	return {target, directory, temporary, handle: await open(temporary, 'wx', options.mode)};
}

async function removeQuietly(path: string): Promise<void> {
	try {
		await unlink(path);
	} catch {}
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
