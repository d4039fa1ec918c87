import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';
import {afterAll, expect, it} from 'vitest';
import {waitUntil} from '../helpers/emulator-fixture.js';
import {cliPath} from '../helpers/spawn-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

afterAll(async () => {
	await TmuxSession.killServer();
});

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

it('stops cleanly when its terminal goes away (a dropped SSH link, a killed tmux pane): no crash, nothing left behind', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'c2c-status-gone-'));
	const temporary = join(directory, 'tmp');
	const {mkdir} = await import('node:fs/promises');
	await mkdir(temporary);
	try {
		const script = `echo $$ > ${join(directory, 'pid')}; exec node ${cliPath} --demo 2> ${join(directory, 'stderr')}`;
		const session = await TmuxSession.start(['sh', '-c', script], {columns: 80, rows: 24, env: {TMPDIR: temporary}});
		await session.waitFor(screen => screen.includes('Paused:') && screen.includes('DEMO'), 'the demo on screen');
		const pid = Number((await readFile(join(directory, 'pid'), 'utf8')).trim());
		await session.close();
		await waitUntil(() => !alive(pid), 'the monitor to exit', 10_000);
		// Nothing on stderr: no unhandled EIO, no abort from Node restoring a terminal that is gone.
		expect(await readFile(join(directory, 'stderr'), 'utf8')).toBe('');
		// Nothing left in the temporary folder either.
		expect(await readdir(temporary)).toEqual([]);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
});
