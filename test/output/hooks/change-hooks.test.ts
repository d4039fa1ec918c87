import {execFileSync} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import process from 'node:process';
import {afterEach, describe, expect, it} from 'vitest';
import {type ChangeHookOptions, ChangeHooks, type HookReport} from '../../../source/output/hooks/change-hooks.js';
import {bellOnTrouble} from '../../../source/output/terminal-bell.js';
import {type StatusChange, watchStatusChanges} from '../../../source/output/status-changes.js';
import {Emitter} from '../../../source/core/emitter.js';
import type {MonitorEvent} from '../../../source/core/monitor-events.js';
import {createRedactor} from '../../../source/core/token/redact.js';
import {baseTime, pausedStatus, snapshot} from '../../../support/fake-monitor.js';
import {ManualClock} from '../../../support/manual-clock.js';
import {cleanup, temporaryDirectory} from '../../helpers/monitor-fixture.js';
import {liveMembers, noteGroupTo} from '../../helpers/process-group.js';

const hooks: ChangeHooks[] = [];

afterEach(async () => {
	for (const hook of hooks.splice(0)) {
		hook.close();
		await hook.idle();
	}

	await cleanup();
});

type ChangeOptions = {readonly connected?: boolean | null; readonly project?: string | null; readonly confirmed?: boolean};

function change(device: string, changed: StatusChange['changed'], paused: boolean | null, {connected = true, project = 'Testbed', confirmed = true}: ChangeOptions = {}): StatusChange {
	const status = pausedStatus(paused, connected);
	return {
		device, changed, status: {...status, confidence: {...status.confidence, confirmed: confirmed && paused !== null}}, project, frameioName: `Frameio-${device}`, at: baseTime,
	};
}

/** Hooks with no interval unless told: the tests of the interval name theirs (on a manual clock). */
function changeHooks(command: string, timeoutMs?: number, options: Partial<ChangeHookOptions> = {}) {
	const reports: HookReport[] = [];
	let reported: () => void = () => undefined;
	const hook = new ChangeHooks({command, intervalMs: 0, report(report) {
		reports.push(report);
		reported();
	}, ...(timeoutMs === undefined ? {} : {timeoutMs}), ...options});
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

const noteGroup = (path: string) => noteGroupTo(quote(path));
const pgidIn = async (path: string) => Number((await readFile(path, 'utf8')).trim());

describe('change hooks (--on-change)', () => {
	it('runs the command through /bin/sh with the device, Paused, its confirmation, Connected, what changed and the project', async () => {
		const out = join(await temporaryDirectory(), 'env.txt');
		const {hook, reports} = changeHooks(`printf '%s|%s|%s|%s|%s|%s\\n' "$C2C_DEVICE" "$C2C_PAUSED" "$C2C_PAUSED_CONFIRMED" "$C2C_CONNECTED" "$C2C_CHANGED" "$C2C_PROJECT" >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('B-cam', 'connected', false, {connected: null, project: null}));
		hook.changed(change('C-cam', 'connected', false, {connected: false, project: 'Night\u001B[31m shoot'}));
		// Paused not known yet (a rejected token, no state): unknown, never "no".
		hook.changed(change('D-cam', 'connected', null, {connected: true}));
		// Paused kept, but nothing confirms it any more.
		hook.changed(change('E-cam', 'confirmed', true, {confirmed: false}));
		await hook.idle();
		const lines = (await readFile(out, 'utf8')).trim().split('\n').sort();
		expect(lines).toEqual([
			'A-cam|yes|yes|yes|paused|Testbed',
			'B-cam|no|yes|unknown|connected|',
			// A project name from the server reaches the hook without its escape sequence.
			'C-cam|no|yes|no|connected|Night shoot',
			'D-cam|unknown|no|yes|connected|Testbed',
			'E-cam|yes|no|yes|confirmed|Testbed',
		]);
		expect(reports.map(report => [report.device, report.changed, report.ok, report.exitCode])).toEqual(expect.arrayContaining([
			['A-cam', 'paused', true, 0], ['B-cam', 'connected', true, 0], ['C-cam', 'connected', true, 0], ['E-cam', 'confirmed', true, 0],
		]));
	});

	it('never runs two hooks for one device at once; a change that comes meanwhile waits, and only the newest', async () => {
		const directory = await temporaryDirectory();
		const out = join(directory, 'runs.txt');
		// Each run notes its start and end; overlapping runs of one device would interleave them.
		const {hook} = changeHooks(`echo "start $C2C_DEVICE $C2C_PAUSED $C2C_CHANGED" >> ${quote(out)}; sleep 0.2; echo "end $C2C_DEVICE $C2C_PAUSED $C2C_CHANGED" >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		hook.changed(change('A-cam', 'connected', false, {connected: false}));
		hook.changed(change('B-cam', 'paused', true));
		await hook.idle();
		const runs = (await readFile(out, 'utf8')).trim().split('\n');
		const aCam = runs.filter(line => line.includes('A-cam'));
		// The second run tells the newest state; what it says changed is what differs from the run before: Paused first.
		expect(aCam).toEqual(['start A-cam yes paused', 'end A-cam yes paused', 'start A-cam no paused', 'end A-cam no paused']);
		// Another device's hook runs alongside: it started before A-cam's first run ended.
		expect(runs.indexOf('start B-cam yes paused')).toBeLessThan(runs.indexOf('end A-cam yes paused'));
	});

	it('does not run a waiting change that tells the hook what the run before it just did (paused, resumed, paused again)', async () => {
		const out = join(await temporaryDirectory(), 'runs.txt');
		const {hook, reports} = changeHooks(`sleep 0.2; echo "$C2C_PAUSED $C2C_CONNECTED $C2C_CHANGED" >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		hook.changed(change('A-cam', 'paused', true, {project: 'Renamed meanwhile'}));
		await hook.idle();
		expect(await readFile(out, 'utf8')).toBe('yes yes paused\n');
		expect(reports).toHaveLength(1);
		// A flap that ends elsewhere still runs.
		hook.changed(change('A-cam', 'paused', false));
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		await hook.idle();
		expect(await readFile(out, 'utf8')).toBe('yes yes paused\nno yes paused\n');
	});

	it('reports a hook that fails with its stderr\'s first line, and one that cannot finish in time is stopped and reported, without holding anything up', async () => {
		const failing = changeHooks('echo; echo "  curl: (6) Could not resolve host: chat.example  " >&2; echo "second line" >&2; exit 3');
		const failed = failing.nextReport();
		failing.hook.changed(change('A-cam', 'paused', true));
		expect(await failed).toMatchObject({device: 'A-cam', changed: 'paused', ok: false, exitCode: 3, error: 'exited with 3: curl: (6) Could not resolve host: chat.example'});

		const slow = changeHooks('sleep 30', 150);
		const stopped = slow.nextReport();
		slow.hook.changed(change('A-cam', 'connected', false, {connected: false}));
		// The change only starts the run: nothing is reported while it runs.
		expect(slow.reports).toEqual([]);
		const report = await stopped;
		expect(report).toMatchObject({ok: false, error: 'ran past 0 s and was stopped'});
		expect(report.durationMs).toBeLessThan(10_000);
	});

	it('keeps what it says of stderr short and printable, and reads a flood of it without blocking the hook', async () => {
		const escape = changeHooks(String.raw`printf '[31mRED[0m bell %0200d
' 0 >&2; exit 1`);
		const escaped = escape.nextReport();
		escape.hook.changed(change('A-cam', 'paused', true));
		const {error} = await escaped;
		expect(error).toMatch(/^exited with 1: RED �bell 0{60,}…$/);
		expect(error!.length).toBeLessThanOrEqual('exited with 1: '.length + 80);
		// eslint-disable-next-line no-control-regex -- the test looks for control characters
		expect(error).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);

		// A megabyte on stderr: a hook that waited on a full pipe would never exit.
		const flood = changeHooks(String.raw`head -c 1000000 /dev/zero | tr '\0' x >&2; exit 4`);
		const flooded = flood.nextReport();
		flood.hook.changed(change('A-cam', 'paused', true));
		expect(await flooded).toMatchObject({exitCode: 4, error: `exited with 4: ${'x'.repeat(79)}…`});
	});

	it('stops the whole process group of a hook that runs too long, not only its shell', async () => {
		const directory = await temporaryDirectory();
		const [pgidFile, out] = [join(directory, 'pgid'), join(directory, 'late.txt')];
		const {hook, nextReport} = changeHooks(`${noteGroup(pgidFile)}; sleep 30; echo late >> ${quote(out)}`, 1000);
		const report = nextReport();
		hook.changed(change('A-cam', 'paused', true));
		expect(await report).toMatchObject({ok: false, error: 'ran past 1 s and was stopped'});
		// Reported only once nothing of the run is left: no sleep can wake to write "late".
		expect(liveMembers(await pgidIn(pgidFile))).toEqual([]);
		await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
	});

	it('kills a group that ignores SIGTERM once the grace period is over', async () => {
		const directory = await temporaryDirectory();
		const pgidFile = join(directory, 'pgid');
		// An ignored signal stays ignored across exec: sleep ignores SIGTERM too.
		const {hook, nextReport} = changeHooks(`trap '' TERM; ${noteGroup(pgidFile)}; sleep 30 & wait`, 1000, {killAfterMs: 200});
		const report = nextReport();
		hook.changed(change('A-cam', 'paused', true));
		expect(await report).toMatchObject({ok: false, error: 'ran past 1 s and was stopped'});
		expect(liveMembers(await pgidIn(pgidFile))).toEqual([]);
	});

	it('counts a run as over only once what it left in the background is over too, so runs of a device never overlap', async () => {
		const directory = await temporaryDirectory();
		const out = join(directory, 'runs.txt');
		// The shell exits at once; the background job goes on writing after it.
		const {hook, reports} = changeHooks(`(sleep 0.3; echo "late $C2C_PAUSED" >> ${quote(out)}) & echo "early $C2C_PAUSED" >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		await hook.idle();
		expect((await readFile(out, 'utf8')).trim().split('\n')).toEqual(['early yes', 'late yes', 'early no', 'late no']);
		expect(reports.map(report => [report.ok, report.exitCode])).toEqual([[true, 0], [true, 0]]);

		// A background job that outlives the time allowed is stopped with it.
		const pgidFile = join(directory, 'pgid');
		const lingering = changeHooks(`${noteGroup(pgidFile)}; (sleep 30; echo late >> ${quote(out)}) &`, 1000);
		const stopped = lingering.nextReport();
		lingering.hook.changed(change('B-cam', 'paused', true));
		expect(await stopped).toMatchObject({ok: false, exitCode: 0, error: 'ran past 1 s and was stopped'});
		expect(liveMembers(await pgidIn(pgidFile))).toEqual([]);
		expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(4);
	});

	it('reports a command that /bin/sh cannot find, as the shell says', async () => {
		const {hook, nextReport} = changeHooks('/no/such/notifier --now');
		const report = nextReport();
		hook.changed(change('A-cam', 'paused', true));
		expect(await report).toMatchObject({ok: false, exitCode: 127, error: expect.stringMatching(/^exited with 127: .*\/no\/such\/notifier.*not found/) as string});
	});

	it('drops waiting changes and stops running hooks, with all they started, on close', async () => {
		const directory = await temporaryDirectory();
		const [fifo, out] = [join(directory, 'started'), join(directory, 'runs.txt')];
		execFileSync('mkfifo', [fifo]);
		const {hook, reports} = changeHooks(`${noteGroup(fifo)}; sleep 30; echo ran >> ${quote(out)}`);
		hook.changed(change('A-cam', 'paused', true));
		hook.changed(change('A-cam', 'paused', false));
		// Reading the pipe waits for the hook to be under way, and gives its group id.
		const pgid = await pgidIn(fifo);
		hook.close();
		await hook.idle();
		hook.changed(change('A-cam', 'paused', true));
		await hook.idle();
		expect(reports).toHaveLength(1);
		expect(reports[0]).toMatchObject({ok: false, error: 'stopped as the monitor stopped'});
		expect(liveMembers(pgid)).toEqual([]);
		await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
	});

	it('gives the hook no token: not FRAMEIO_TOKEN, the client secret, a tokenEnv variable, nor any variable holding a known secret', async () => {
		const out = join(await temporaryDirectory(), 'env.txt');
		const secrets = ['tok-env-1a2b', 'client-secret-3c4d', 'sound-tok-5e6f', 'file-tok-7a8b'];
		const redact = (text: string) => {
			let result = text;
			for (const secret of secrets) {
				result = result.replaceAll(secret, '[redacted]');
			}

			return result;
		};

		const {hook} = changeHooks(`env > ${quote(out)}`, undefined, {
			env: {
				PATH: process.env.PATH, HOME: '/home/dit', FRAMEIO_TOKEN: 'tok-env-1a2b', FRAMEIO_CLIENT_SECRET: 'client-secret-3c4d',
				SOUND_TOKEN: 'sound-tok-5e6f', SOUND_TOKEN_COPY: 'sound-tok-5e6f', AUTH_HEADER: 'Bearer file-tok-7a8b', LANG: 'C.UTF-8',
			},
			secretVariables: ['SOUND_TOKEN', 'UNSET_TOKEN'],
			redact,
		});
		hook.changed(change('A-cam', 'paused', true, {project: 'Shoot of file-tok-7a8b'}));
		await hook.idle();
		const environment = await readFile(out, 'utf8');
		for (const secret of secrets) {
			expect(environment).not.toContain(secret);
		}

		expect(environment).not.toMatch(/^(FRAMEIO_TOKEN|FRAMEIO_CLIENT_SECRET|SOUND_TOKEN|SOUND_TOKEN_COPY|AUTH_HEADER)=/m);
		expect(environment).toMatch(/^HOME=\/home\/dit$/m);
		expect(environment).toMatch(/^LANG=C\.UTF-8$/m);
		expect(environment).toMatch(/^C2C_DEVICE=A-cam$/m);
		expect(environment).toMatch(/^C2C_PAUSED=yes$/m);
		expect(environment).toMatch(/^C2C_PROJECT=Shoot of \[redacted]$/m);
	});
});

describe('at most one run per device per interval (--on-change-interval)', () => {
	it('turns 300 pause/resume changes within 10 s into a run at once and a run per second after, each of the newest state', async () => {
		const clock = new ManualClock(baseTime);
		const out = join(await temporaryDirectory(), 'runs.txt');
		const {hook, reports, nextReport} = changeHooks(`echo "$C2C_PAUSED $C2C_CHANGED" >> ${quote(out)}`, undefined, {intervalMs: 1000, clock});
		const runs = async () => (await readFile(out, 'utf8')).trim().split('\n');
		// A change every 33 ms for 10 s: paused, resumed, paused …; the last one (the 300th) is a resume.
		for (let index = 0; index < 300; index++) {
			const ran = nextReport();
			hook.changed(change('A-cam', 'paused', index % 2 === 0));
			if (index === 0) {
				// The first change runs at once.
				await ran;
			}

			await clock.advance(33);
		}

		await clock.advance(1000);
		await hook.idle();
		const told = await runs();
		// At most one a second (10 s: 11 runs at most), never two at once, and the last tells the last state.
		expect(told.length).toBeGreaterThanOrEqual(2);
		expect(told.length).toBeLessThanOrEqual(11);
		expect(told[0]).toBe('yes paused');
		expect(told.at(-1)).toBe('no paused');
		const starts = reports.map(report => report.at);
		for (let index = 1; index < starts.length; index++) {
			expect(starts[index]! - starts[index - 1]!).toBeGreaterThanOrEqual(1000);
		}
	});

	it('holds back a device\'s next run until a second after its last one started, then runs the newest state, and never holds back another device', async () => {
		const clock = new ManualClock(baseTime);
		const out = join(await temporaryDirectory(), 'runs.txt');
		const {hook, nextReport} = changeHooks(`echo "$C2C_DEVICE $C2C_PAUSED $C2C_CONNECTED $C2C_CHANGED" >> ${quote(out)}`, undefined, {intervalMs: 1000, clock});
		const first = nextReport();
		hook.changed(change('A-cam', 'paused', true));
		await first;
		hook.changed(change('A-cam', 'connected', true, {connected: false}));
		hook.changed(change('A-cam', 'paused', false, {connected: false}));
		const other = nextReport();
		hook.changed(change('B-cam', 'paused', true));
		expect(await other).toMatchObject({device: 'B-cam'});
		await clock.advance(999);
		expect((await readFile(out, 'utf8')).trim().split('\n')).toEqual(['A-cam yes yes paused', 'B-cam yes yes paused']);
		const second = nextReport();
		await clock.advance(1);
		expect(await second).toMatchObject({device: 'A-cam', changed: 'paused', at: baseTime + 1000});
		await hook.idle();
		expect((await readFile(out, 'utf8')).trim().split('\n')).toEqual(['A-cam yes yes paused', 'B-cam yes yes paused', 'A-cam no no paused']);

		// A flap that ends where it began while held back tells the hook nothing: no run.
		hook.changed(change('A-cam', 'paused', true, {connected: false}));
		hook.changed(change('A-cam', 'paused', false, {connected: false}));
		await clock.advance(1000);
		await hook.idle();
		expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(3);
	});

	it('drops what waits on close', async () => {
		const clock = new ManualClock(baseTime);
		const {hook, reports, nextReport} = changeHooks('true', undefined, {intervalMs: 1000, clock});
		const first = nextReport();
		hook.changed(change('A-cam', 'paused', true));
		await first;
		hook.changed(change('A-cam', 'paused', false));
		hook.close();
		await hook.idle();
		await clock.advance(5000);
		expect(reports).toHaveLength(1);
		expect(clock.pending).toBe(0);
	});
});

describe('the hook environment with short secrets', () => {
	it('leaves out a variable that holds a short token as a whole token, and keeps one where it is only part of a word', async () => {
		const out = join(await temporaryDirectory(), 'env.txt');
		const {hook} = changeHooks(`env > ${quote(out)}`, undefined, {
			env: {PATH: process.env.PATH, WORKDIR: '/srv/demos', GREETING: 'ademo', NOTE: 'identity', COPY: 'demo', AUTH: 'Bearer demo', URL: 'wss://x/?Authorization=Bearer%20it'},
			redact: createRedactor(() => ['demo', 'it']),
		});
		hook.changed(change('A-cam', 'paused', true, {project: 'Audit'}));
		await hook.idle();
		const environment = await readFile(out, 'utf8');
		expect(environment).toMatch(/^WORKDIR=\/srv\/demos$/m);
		expect(environment).toMatch(/^GREETING=ademo$/m);
		expect(environment).toMatch(/^NOTE=identity$/m);
		expect(environment).toMatch(/^C2C_PROJECT=Audit$/m);
		expect(environment).not.toMatch(/^(COPY|AUTH|URL)=/m);
	});
});

describe('status changes of a monitor', () => {
	it('tells a change of Paused, of Connected, and of Paused\'s confirmation while Paused keeps its value', () => {
		const events = new Emitter<MonitorEvent>();
		const monitor = {events, getSnapshot: () => snapshot()};
		const seen: Array<[string, boolean | null, boolean]> = [];
		watchStatusChanges({name: 'A-cam', monitor}, change => {
			seen.push([change.changed, change.status.paused.value, change.status.confidence.confirmed]);
		});
		const status = (paused: boolean | null, confirmed: boolean, connected: boolean | null = true): MonitorEvent => {
			const base = pausedStatus(paused, connected);
			return {type: 'status', at: baseTime, status: {...base, confidence: {...base.confidence, confirmed}}};
		};

		events.emit(status(null, false, null));
		events.emit(status(null, false));
		events.emit(status(false, true));
		events.emit(status(false, false));
		events.emit(status(true, false));
		events.emit(status(true, true));
		expect(seen).toEqual([
			['connected', null, false],
			['paused', false, true],
			['confirmed', false, false],
			// A new value carries its confirmation: no separate change.
			['paused', true, false],
			['confirmed', true, true],
		]);
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
		// Nor when only Paused's confirmation changes.
		bell(change('A-cam', 'confirmed', true, {confirmed: false, connected: false}));
		expect(rung).toEqual(['\u0007', '\u0007']);
	});
});
