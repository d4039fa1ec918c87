import {spawnSync} from 'node:child_process';
import process from 'node:process';
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {basename, join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	dayFileName, journalKey, journalRoot, parseDayFileName,
} from '../../../source/core/history/journal-paths.js';
import {journalProcesses, parseJournalText, readJournal} from '../../../source/core/history/journal-reader.js';
import {IdentityStateFile} from '../../../source/core/state/identity-state-file.js';
import {makeFifo, releaseFifos} from '../../helpers/fifo.js';
import {journalText, ms, started, stopped} from './journal-lines.js';

afterEach(releaseFifos);

describe('journal paths', () => {
	it('keys a device as its state file is keyed: the API and where the token comes from', () => {
		const state = IdentityStateFile.forDevice('/state', 'https://api.frame.io/', 'file:/etc/c2c/a-cam.token');
		expect(basename(state.path)).toBe(`device-${journalKey('https://api.frame.io/', 'file:/etc/c2c/a-cam.token')}.json`);
		expect(journalKey('https://api.frame.io/', 'file:/etc/c2c/b-cam.token')).not.toBe(journalKey('https://api.frame.io/', 'file:/etc/c2c/a-cam.token'));
		expect(journalRoot('/state/c2c-status')).toBe('/state/c2c-status/journal');
	});

	it('names a file after the UTC day, whatever the time zone', () => {
		expect(dayFileName(Date.parse('2026-11-27T23:59:59.999Z'))).toBe('2026-11-27.ndjson');
		expect(dayFileName(Date.parse('2026-11-28T00:00:00.000Z'))).toBe('2026-11-28.ndjson');
		expect(parseDayFileName('2026-11-28.ndjson')).toBe(Date.parse('2026-11-28T00:00:00Z'));
		expect(parseDayFileName('2026-02-30.ndjson')).toBeUndefined();
		expect(parseDayFileName('2026-11-28.ndjson.tmp')).toBeUndefined();
		expect(parseDayFileName('notes.txt')).toBeUndefined();
	});
});

describe('which writers still run', () => {
	it('asks the system about each pid once: this process runs, an ended child does not', () => {
		const {pid: ended} = spawnSync(process.execPath, ['-e', '']);
		const {lines} = parseJournalText(journalText([started('10:00:00', process.pid), started('10:00:01', ended), stopped('10:00:02', process.pid)]));
		expect(journalProcesses(lines)).toEqual(new Map([[process.pid, true], [ended, false]]));
	});
});

describe('reading a journal folder', () => {
	it('says when there is none', async () => {
		const read = await readJournal(join(tmpdir(), 'c2c-status-no-such-journal'), {from: 0, to: 1});
		expect(read).toMatchObject({found: false, lines: [], skippedLines: 0, problems: []});
	});

	it('reads the days around a range, skips and counts a torn last line, and names a file it cannot read', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'c2c-status-journal-'));
		await writeFile(join(directory, '2026-11-20.ndjson'), journalText([started('+1 00:00:00', 9)]).replaceAll('11-28', '11-20'));
		await writeFile(join(directory, '2026-11-26.ndjson'), journalText([started('10:00:00', 1)]).replaceAll('11-27', '11-26'));
		await writeFile(join(directory, '2026-11-27.ndjson'), `${journalText([started('10:00:00', 2), stopped('11:00:00', 2)])}{"time":"2026-11-27T11:00:01.000Z","type":"mon`);
		await writeFile(join(directory, 'notes.txt'), 'not a journal\n');
		// A folder where a file should be: reading it fails, the rest is read.
		await mkdir(join(directory, '2026-11-28.ndjson'));
		const read = await readJournal(directory, {from: ms('08:00:00'), to: ms('20:00:00')}, {processRuns: pid => pid === 9});
		expect(read.found).toBe(true);
		expect(read.files.map(file => basename(file))).toEqual(['2026-11-26.ndjson', '2026-11-27.ndjson']);
		expect(read.lines.map(line => line.pid)).toEqual([1, 2, 2]);
		expect(read.processes).toEqual(new Map([[1, false], [2, false]]));
		expect(read.skippedLines).toBe(1);
		expect(read.problems).toHaveLength(1);
		expect(read.problems[0]).toContain('2026-11-28.ndjson');
	});

	it('names a FIFO where a day\'s file should be, at once, and reads the rest (a read of it would wait for ever)', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'c2c-status-journal-'));
		await writeFile(join(directory, '2026-11-27.ndjson'), journalText([started('10:00:00', 2), stopped('11:00:00', 2)]));
		const fifo = makeFifo(join(directory, '2026-11-28.ndjson'));
		const read = await readJournal(directory, {from: ms('08:00:00'), to: ms('20:00:00')});
		expect(read.lines.map(line => line.pid)).toEqual([2, 2]);
		expect(read.problems).toEqual([`${fifo}: it is a FIFO (named pipe), not a regular file`]);
	});
});
