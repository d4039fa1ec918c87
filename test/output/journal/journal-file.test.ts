import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {JournalFile, type JournalFileOptions} from '../../../source/output/journal/journal-file.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {makeFifo, releaseFifos} from '../../helpers/fifo.js';

afterEach(releaseFifos);

async function folder(): Promise<string> {
	return mkdtemp(join(tmpdir(), 'c2c-status-journal-file-'));
}

/** A journal file whose folder cannot be made until the blocker (a plain file in its way) is removed. */
async function blocked(options: Partial<JournalFileOptions> = {}) {
	const root = await folder();
	const blocker = join(root, 'state');
	await writeFile(blocker, 'in the way');
	const clock = new ManualClock(Date.parse('2026-11-27T10:00:00Z'));
	const file = new JournalFile({directory: join(blocker, 'journal', 'device'), clock, ...options});
	const problems: string[] = [];
	file.store.subscribe(() => {
		const {problem} = file.store.getSnapshot();
		if (problem !== null && problems.at(-1) !== problem) {
			problems.push(problem);
		}
	});
	return {file, clock, problems, unblock: async () => rm(blocker), directory: join(blocker, 'journal', 'device')};
}

describe('the journal file', () => {
	it('appends to the UTC day\'s file, mode 0600 in a folder of mode 0700, and starts the next day\'s with the carried state', async () => {
		const directory = join(await folder(), 'journal', 'device');
		const clock = new ManualClock(Date.parse('2026-11-27T23:59:58Z'));
		const file = new JournalFile({directory, clock, carry: at => [`carried at ${new Date(at).toISOString()}\n`]});
		file.append('one\n');
		file.append('two\n');
		await file.flushed();
		await clock.advance(3000);
		file.append('three\n');
		await file.close();
		expect((await readdir(directory)).sort()).toEqual(['2026-11-27.ndjson', '2026-11-28.ndjson']);
		expect(await readFile(join(directory, '2026-11-27.ndjson'), 'utf8')).toBe('one\ntwo\n');
		expect(await readFile(join(directory, '2026-11-28.ndjson'), 'utf8')).toBe('carried at 2026-11-28T00:00:01.000Z\nthree\n');
		expect((await stat(join(directory, '2026-11-27.ndjson'))).mode.toString(8).slice(-3)).toBe('600');
		expect((await stat(directory)).mode.toString(8).slice(-3)).toBe('700');
		expect(file.store.getSnapshot()).toMatchObject({problem: null, writtenLines: 3, droppedLines: 0, path: join(directory, '2026-11-28.ndjson')});
	});

	it('says a failure once, keeps the lines, tries again later and writes them in order once it can', async () => {
		const {file, clock, problems, unblock, directory} = await blocked();
		file.append('a\n');
		await file.flushed();
		file.append('b\n');
		file.append('c\n');
		await clock.advance(60_000);
		await file.flushed();
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^the journal cannot be written \(.+\): .*(ENOTDIR|EEXIST)/);
		expect(file.store.getSnapshot().writtenLines).toBe(0);
		await unblock();
		await clock.advance(60_000);
		await file.flushed();
		expect(file.store.getSnapshot()).toMatchObject({problem: null, writtenLines: 3, droppedLines: 0});
		expect(await readFile(join(directory, '2026-11-27.ndjson'), 'utf8')).toBe('a\nb\nc\n');
		await file.close();
		expect(clock.pending).toBe(0);
	});

	it('holds a bounded number of lines while it cannot write, dropping the oldest', async () => {
		const {file, clock, unblock, directory} = await blocked({maxQueuedLines: 2});
		for (const line of ['a\n', 'b\n', 'c\n', 'd\n']) {
			file.append(line);
		}

		await file.flushed();
		await unblock();
		await clock.advance(60_000);
		await file.close();
		expect(await readFile(join(directory, '2026-11-27.ndjson'), 'utf8')).toBe('c\nd\n');
		expect(file.store.getSnapshot()).toMatchObject({writtenLines: 2, droppedLines: 2});
	});

	it('at close, tries once more, counts what it could not write, and takes nothing after', async () => {
		const {file, clock} = await blocked();
		file.append('a\n');
		await file.flushed();
		await file.close();
		file.append('b\n');
		expect(file.store.getSnapshot()).toMatchObject({writtenLines: 0, droppedLines: 2});
		expect(clock.pending).toBe(0);
	});

	it('refuses a FIFO where the day\'s file should be, at once (an open to append would wait for a reader for ever), and says so', async () => {
		const directory = await folder();
		const clock = new ManualClock(Date.parse('2026-11-27T10:00:00Z'));
		const fifo = makeFifo(join(directory, '2026-11-27.ndjson'));
		const file = new JournalFile({directory, clock});
		file.append('one\n');
		await file.flushed();
		expect(file.store.getSnapshot()).toMatchObject({
			problem: `the journal cannot be written (${directory}): ${fifo} is a FIFO (named pipe), not a regular file`, writtenLines: 0,
		});
		await file.close();
		expect((await stat(fifo)).isFIFO()).toBe(true);
	});
});
