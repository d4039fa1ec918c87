import {mkdir, mkdtemp, readdir, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {dayMs} from '../../../source/core/history/journal-paths.js';
import {JournalRetention, pruneJournals} from '../../../source/output/journal/journal-retention.js';
import {ManualClock} from '../../../support/manual-clock.js';

/** A journal root with two devices: A-cam with a file a day from Oct 25 to Nov 27, B-cam with only Oct 26. */
async function journalRoot(): Promise<string> {
	const root = join(await mkdtemp(join(tmpdir(), 'c2c-status-retention-')), 'journal');
	await mkdir(join(root, 'a-cam'), {recursive: true});
	await mkdir(join(root, 'b-cam'), {recursive: true});
	for (let day = Date.parse('2026-10-25T00:00:00Z'); day <= Date.parse('2026-11-27T00:00:00Z'); day += dayMs) {
		await writeFile(join(root, 'a-cam', `${new Date(day).toISOString().slice(0, 10)}.ndjson`), '{}\n');
	}

	await writeFile(join(root, 'a-cam', 'notes.txt'), 'mine\n');
	await writeFile(join(root, 'b-cam', '2026-10-26.ndjson'), '{}\n');
	return root;
}

async function oldest(root: string): Promise<string | undefined> {
	return (await readdir(join(root, 'a-cam'))).filter(name => name.endsWith('.ndjson')).sort()[0];
}

describe('journal retention', () => {
	it('keeps every file with a line from the last 30 days, at start and then once a day on the clock', async () => {
		const root = await journalRoot();
		const clock = new ManualClock(Date.parse('2026-11-27T09:00:00Z'));
		const retention = new JournalRetention({root, days: 30, clock});
		retention.start();
		expect(await retention.settled()).toEqual({removedFiles: 4, problems: []});
		// Oct 28 still holds lines from within 30 days of Nov 27 09:00.
		expect(await oldest(root)).toBe('2026-10-28.ndjson');
		expect(await readdir(root)).toEqual(['a-cam']);
		expect(await readdir(join(root, 'a-cam'))).toContain('notes.txt');

		await clock.advance(dayMs - 1);
		await retention.settled();
		expect(await oldest(root)).toBe('2026-10-28.ndjson');
		await clock.advance(1);
		expect(await retention.settled()).toEqual({removedFiles: 1, problems: []});
		expect(await oldest(root)).toBe('2026-10-29.ndjson');

		await retention.stop();
		expect(clock.pending).toBe(0);
	});

	it('removes nothing when the journal is off (0 days), and is fine with no journal at all', async () => {
		const root = await journalRoot();
		expect(await pruneJournals(root, {days: 0, now: Date.parse('2027-01-01T00:00:00Z')})).toEqual({removedFiles: 0, problems: []});
		expect(await oldest(root)).toBe('2026-10-25.ndjson');
		expect(await pruneJournals(join(root, 'none'), {days: 30, now: Date.now()})).toEqual({removedFiles: 0, problems: []});
		const retention = new JournalRetention({root, days: 0, clock: new ManualClock()});
		retention.start();
		await retention.stop();
		expect(await oldest(root)).toBe('2026-10-25.ndjson');
	});
});
