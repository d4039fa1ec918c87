import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {ChangeHooks, type HookReport} from '../../source/output/change-hooks.js';
import type {StatusChange} from '../../source/output/status-changes.js';
import {bellOnTrouble} from '../../source/output/terminal-bell.js';
import {baseTime, pausedStatus} from '../helpers/fake-monitor.js';
import {cleanup, temporaryDirectory} from '../helpers/monitor-fixture.js';

const hooks: ChangeHooks[] = [];

afterEach(async () => {
	for (const hook of hooks.splice(0)) {
		hook.close();
		await hook.idle();
	}

	await cleanup();
});

type ChangeOptions = {readonly connected?: boolean | null; readonly project?: string | null};

function change(device: string, changed: StatusChange['changed'], paused: boolean, {connected = true, project = 'Testbed'}: ChangeOptions = {}): StatusChange {
	return {device, changed, status: pausedStatus(paused, connected), project, frameioName: `Frameio-${device}`, at: baseTime};
}

function changeHooks(command: string, timeoutMs?: number) {
	const reports: HookReport[] = [];
	let reported: () => void = () => undefined;
	const hook = new ChangeHooks({command, report(report) {
		reports.push(report);
		reported();
	}, ...(timeoutMs === undefined ? {} : {timeoutMs})});
	hooks.push(hook);
	const nextReport = async () => new Promise<HookReport>(resolve => {
		const before = reports.length;
		reported = () => {
			if (reports.length > before) {
				resolve(reports.at(-1)!);
			}
		};
	});
	return {hook, reports, nextReport};
}

const quote = (path: string) => `'${path.replaceAll('\'', String.raw`'\''`)}'`;

describe('change hooks (--on-change)', () => {
	it('runs the command through /bin/sh with the device, Paused, Connected, what changed and the project', async () => {
		const out = join(await temporaryDirectory(), 'env.txt');
		const {hook, reports} = changeHooks(`printf '%s|%s|%s|%s|%s\\n' "$C2C_DEVICE" "$C2C_PAUSED" "$C2C_CONNECTED" "$C2C_CHANGED" "$C2C_PROJECT" >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('B-cam', 'connected', false, {connected: null, project: null}));
		hook.changed(change('C-cam', 'connected', false, {connected: false, project: 'Night\u001B[31m shoot'}));
		await hook.idle();
		const lines = (await readFile(out, 'utf8')).trim().split('\n').sort();
		expect(lines).toEqual([
			'A-cam|yes|yes|paused|Testbed',
			'B-cam|no|unknown|connected|',
			// A project name from the server reaches the hook without its escape sequence.
			'C-cam|no|no|connected|Night shoot',
		]);
		expect(reports.map(report => [report.device, report.ok, report.exitCode])).toEqual(expect.arrayContaining([['A-cam', true, 0], ['B-cam', true, 0], ['C-cam', true, 0]]));
	});

	it('never runs two hooks for one device at once; a change that comes meanwhile waits, and only the newest', async () => {
		const directory = await temporaryDirectory();
		const out = join(directory, 'runs.txt');
		// Each run notes its start and end; overlapping runs of one device would interleave them.
		const {hook} = changeHooks(`echo "start $C2C_DEVICE $C2C_PAUSED" >> ${quote(out)}; sleep 0.2; echo "end $C2C_DEVICE $C2C_PAUSED" >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('B-cam', 'paused', true));
		await hook.idle();
		const runs = (await readFile(out, 'utf8')).trim().split('\n');
		const aCam = runs.filter(line => line.includes('A-cam'));
		expect(aCam).toEqual(['start A-cam yes', 'end A-cam yes', 'start A-cam yes', 'end A-cam yes']);
		// Another device's hook runs alongside: it started before A-cam's first run ended.
		expect(runs.indexOf('start B-cam yes')).toBeLessThan(runs.indexOf('end A-cam yes'));
	});

	it('reports a hook that fails, and one that cannot finish in time is stopped and reported, without holding anything up', async () => {
		const failing = changeHooks('echo oops >&2; exit 3');
		const failed = failing.nextReport();
		failing.hook.changed(change('A-cam', 'paused', true));
		expect(await failed).toMatchObject({device: 'A-cam', changed: 'paused', ok: false, exitCode: 3, error: 'exited with 3'});

		const slow = changeHooks('sleep 30', 150);
		const stopped = slow.nextReport();
		slow.hook.changed(change('A-cam', 'connected', false, {connected: false}));
		// The change only starts the run: nothing is reported while it runs.
		expect(slow.reports).toEqual([]);
		const report = await stopped;
		expect(report).toMatchObject({ok: false, error: 'ran past 0 s and was stopped'});
		expect(report.durationMs).toBeLessThan(10_000);
	});

	it('reports a command that /bin/sh cannot find, as the shell says', async () => {
		const {hook, nextReport} = changeHooks('/no/such/notifier --now');
		const report = nextReport();
		hook.changed(change('A-cam', 'paused', true));
		expect(await report).toMatchObject({ok: false, exitCode: 127, error: 'exited with 127'});
	});

	it('drops waiting changes and stops running hooks on close', async () => {
		const out = join(await temporaryDirectory(), 'runs.txt');
		const {hook, reports} = changeHooks(`sleep 30; echo ran >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		hook.close();
		await hook.idle();
		hook.changed(change('A-cam', 'paused', true));
		await hook.idle();
		expect(reports).toHaveLength(1);
		expect(reports[0]).toMatchObject({ok: false, error: 'ended by SIGTERM'});
		await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
	});
});

describe('the bell (--bell)', () => {
	it('rings when a device becomes paused or not connected, and not when it recovers', () => {
		const rung: string[] = [];
		const bell = bellOnTrouble(text => rung.push(text));
		bell(change('A-cam', 'paused', true));
		bell(change('A-cam', 'paused', false));
		bell(change('A-cam', 'connected', false, {connected: false}));
		bell(change('A-cam', 'connected', false, {connected: true}));
		expect(rung).toEqual(['\u0007', '\u0007']);
	});
});
