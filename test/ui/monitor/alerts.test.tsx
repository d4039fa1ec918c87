import {afterEach, describe, expect, it} from 'vitest';
import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import App from '../../../source/ui/monitor/App.js';
import {asciiOnly} from '../../../source/ui/screen/ascii-stdout.js';
import {computeLayout} from '../../../source/ui/shared/layout.js';
import {baseTime, FakeMonitor, ownedToken, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const lines = (frame: string) => frame.split('\n');
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length === rows - 1 && lines(frame).every(line => line.length <= columns - 1);

const cannotSave = ownedToken({}, {persistence: {state: 'cannot-save', error: 'no space left on device', since: baseTime - 5000, nextTryAt: baseTime + 30_000}});
const unsaved = ownedToken({}, {persistence: {state: 'unsaved', error: 'no space left on device', since: baseTime - 5000, nextTryAt: baseTime + 30_000}});
const pairingNeeded = ownedToken({phase: 'pairing-needed', lastError: 'invalid_grant'});
const stateProblem = 'EROFS: read-only file system, open \'/var/lib/c2c/state/device.json\'';

async function draw(overrides: Partial<MonitorSnapshot>, columns: number, rows: number, options: {ascii?: boolean} = {}): Promise<string[]> {
	const monitor = new FakeMonitor(snapshot(overrides));
	const rendered = renderInk(<App monitor={monitor} now={now} onQuit={() => {}}/>, {columns, rows, ...options});
	return lines(await rendered.waitForFrame(fits(columns, rows), `${columns}x${rows}`));
}

describe('alerts above the headline (issues 14 A, 14.6, 15.10)', () => {
	it('says loudly that credentials cannot be saved, the reason whole at 80 columns, once', async () => {
		const narrow = await draw({token: cannotSave}, 80, 24);
		expect(narrow[1]).toBe('! credentials cannot be saved: no space left on device · token expires in 7h 4…');
		expect(narrow[2]).toMatch(/^▶ {2}Paused: no/);
		expect(narrow.join('\n').split('cannot be saved').length - 1).toBe(1);
		const wide = await draw({token: cannotSave}, 140, 30);
		expect(wide[1]).toBe('! credentials cannot be saved: no space left on device · token expires in 7h 49m · tried again in 30s');
	});

	it('says a new pair is held only in memory, and when its write is tried again, at 80 columns', async () => {
		expect((await draw({token: unsaved}, 80, 24))[1]).toBe('! new credentials only in memory (write retry in 30s): no space left on device');
		expect((await draw({token: unsaved}, 120, 30))[1]).toBe('! new credentials held in memory: cannot be written: no space left on device, retrying in 30s');
	});

	it('says a state folder that cannot be written, and what that breaks', async () => {
		const narrow = await draw({stateProblem}, 80, 24);
		expect(narrow[1]).toBe('! state folder not writable (the 60 s rule across restarts cannot hold): EROFS…');
		const wide = await draw({stateProblem}, 160, 30);
		expect(wide[1]).toBe(`! state folder not writable: ${stateProblem}; the 60 s rule across restarts cannot hold`);
	});

	it('gives each alert its line, most serious first, taking the raw status line and then traffic rows', async () => {
		const quiet = await draw({}, 80, 24);
		const both = await draw({token: pairingNeeded, stateProblem}, 80, 24);
		expect(both[1]).toMatch(/^! pairing needed: run c2c-status pair/);
		expect(both[2]).toMatch(/^! state folder not writable/);
		expect(both[3]).toMatch(/Paused: no/);
		expect(both.join('\n')).not.toContain('raw identity status');
		expect(quiet.join('\n')).toContain('raw identity status');
		expect(both.findIndex(line => line.startsWith('── Identity'))).toBe(quiet.findIndex(line => line.startsWith('── Identity')) + 1);
	});

	it('keeps a traffic row at the minimum size: the last alert line says the rest', async () => {
		const shown = await draw({token: {...pairingNeeded, persistence: unsaved.persistence}, stateProblem}, 50, 16);
		expect(shown[1]).toMatch(/^! pairing needed: run c2c-status pair/);
		expect(shown[2]).toBe('! credentials not saved · state not writable');
		expect(shown.findIndex(line => line.startsWith('── Traffic'))).toBeLessThan(shown.length - 2);
	});

	it('reads the same without colour and in ASCII: the mark and the words', async () => {
		const ascii = await draw({token: cannotSave, stateProblem}, 80, 24, {ascii: true});
		expect(asciiOnly(ascii[1]!)).toBe('! credentials cannot be saved: no space left on device | token expires in 7h 4~');
		expect(asciiOnly(ascii.join('\n'))).toMatch(/^[\u0020-\u007E\n]*$/);
	});
});

describe('computeLayout with alerts', () => {
	it('takes the raw status line first, then traffic rows, and keeps one traffic row', () => {
		expect(computeLayout(80, 24, 1)).toMatchObject({statusDetail: 0, alertLines: 1, trafficRows: 9});
		expect(computeLayout(80, 24, 2)).toMatchObject({statusDetail: 0, alertLines: 2, trafficRows: 8});
		expect(computeLayout(50, 16, 1)).toMatchObject({statusDetail: 0, alertLines: 1, trafficRows: 2});
		expect(computeLayout(50, 16, 3)).toMatchObject({alertLines: 2, trafficRows: 1});
	});
});
