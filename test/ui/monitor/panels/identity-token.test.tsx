import {afterEach, describe, expect, it} from 'vitest';
import type {TokenSnapshot} from '../../../../source/core/token/token-source.js';
import App from '../../../../source/ui/monitor/App.js';
import IdentityPanel from '../../../../source/ui/monitor/panels/IdentityPanel.js';
import {baseTime, FakeMonitor, ownedToken, snapshot} from '../../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = baseTime;
const base = snapshot();
const lines = (frame: string) => frame.split('\n');
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length === rows - 1 && lines(frame).every(line => line.length <= columns - 1);

function panel(token: TokenSnapshot, width: number, rows: number, identity = base.identity): string[] {
	return lines(renderInk(<IdentityPanel identity={identity} token={token} now={now} width={width} lines={rows}/>, {columns: 120}).frame()).slice(1);
}

const pairingNeeded = ownedToken({
	phase: 'pairing-needed', nextRefreshAt: baseTime + 42_000,
	lastError: 'pairing needed: run c2c-status pair (the refresh token was refused: invalid_grant)',
});
const retrying = ownedToken({phase: 'retrying', nextRefreshAt: baseTime + 12_000, lastError: 'connection refused (ECONNREFUSED)'});

describe('IdentityPanel: the token row', () => {
	it('shows an owned token\'s expiry and next refresh, then its file', () => {
		expect(panel(ownedToken(), 100, 5)).toContain('Token      credentials · expires in 7h 49m · refresh in 7h 39m · /home/dit/.config…/credentials.json');
		expect(panel(ownedToken({phase: 'refreshing'}), 70, 5)).toContain('Token      credentials · expires in 7h 49m · refreshing now');
	});

	it('keeps the facts and cuts the path in half a panel at 80 columns, before the fetch times', () => {
		expect(panel(ownedToken(), 39, 4)).toEqual(['Project    Testbed', 'Paired by  Harry Potter', 'Expires    never', 'Token      exp 7h 49m · refresh 7h 39m']);
		const expired = ownedToken({phase: 'refreshing'}, {expiresAt: baseTime - 65_000});
		expect(panel(expired, 70, 5)).toContain('Token      credentials · expired 1m 05s ago · refreshing now');
		expect(panel(expired, 39, 5)).toContain('Token      expired · refreshing now');
	});

	it('says a watched token is refreshed elsewhere, cutting a long path in its middle', () => {
		expect(panel(base.token, 100, 5)).toContain('Token      $FRAMEIO_TOKEN (watched: refreshed elsewhere)');
		const file = {...base.token, source: 'file' as const, label: '/run/frameio/capture-app/tokens/access-token'};
		expect(panel(file, 100, 5)).toContain('Token      /run/frameio/capture-app/tokens/access-token (watched: refreshed elsewhere)');
		expect(panel(file, 60, 5)).toContain('Token      /run/fram…ss-token (watched: refreshed elsewhere)');
		expect(panel(file, 39, 5)).toContain('Token      /run/fram…ss-token (watched)');
	});

	it('puts a watched token after the fetch times, so 80x20 keeps them', () => {
		expect(panel(base.token, 39, 4).at(-1)).toBe('Fetched    12s ago · next in 48s');
	});

	it('says when it waits for another c2c-status\'s request, and when it will ask itself (issue 15.7)', () => {
		const waiting = {...base.identity, nextFetchAt: baseTime + 38_000, waitingForOther: {claimedAt: baseTime - 22_000, ownRequestAt: baseTime + 38_000}};
		expect(panel(base.token, 100, 5, waiting)).toContain('Fetched    12s ago · waiting for another c2c-status\'s request, own in 38s');
	});
});

describe('IdentityPanel: token problems', () => {
	it('leaves pairing needed to the headline: the panel says once what became of the refresh (issue 15.10)', () => {
		expect(panel(pairingNeeded, 120, 5)).toEqual([
			'Project    Testbed',
			'Paired by  Harry Potter',
			'Expires    never',
			'Token      credentials · expires in 7h 49m · refresh refused · /home/dit/.config/c2c-status/credentials.json',
			'Fetched    12s ago · next in 48s',
		]);
		expect(panel(pairingNeeded, 39, 4).join('\n')).not.toContain('pairing needed');
	});

	it('says a failed refresh is retried, reason first, and when', () => {
		expect(panel(retrying, 100, 5)).toContain('! token refresh failed: connection refused (ECONNREFUSED), retrying in 12s');
		expect(panel(retrying, 39, 5).at(-1)).toBe('! refresh failed, retry in 12s: connec…');
		expect(panel(retrying, 59, 2)).toEqual(['Testbed · by Harry Potter · expires never', '! refresh failed, retry in 12s: connection refused (ECONNR…']);
	});

	it('shows a warning about the credentials file', () => {
		const warned = ownedToken({}, {warning: 'the credentials file can be read by others: chmod 600 /home/dit/creds.json'});
		expect(panel(warned, 100, 5)).toContain('! the credentials file can be read by others: chmod 600 /home/dit/creds.json');
		expect(panel(warned, 59, 2).at(-1)).toBe('! the credentials file can be read by others: chmod 600 /h…');
	});

	it('keeps secrets and control characters of an error off the screen', async () => {
		const evil = ownedToken({phase: 'retrying', nextRefreshAt: baseTime + 1000, lastError: 'bad\u001B[2Jrefresh_token=fake-secret-token'});
		const monitor = new FakeMonitor(snapshot({token: evil}));
		const rendered = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns: 200, rows: 40});
		await rendered.waitForFrame(f => f.includes('! token refresh failed: badrefresh_token=[redacted], retrying in 1s'), 'the error, redacted and sanitized');
		expect(rendered.frames.join('')).not.toContain('fake-secret-token');
		expect(rendered.frames.join('')).not.toContain('\u001B[2J');
	});
});

describe('App: the token at the sizes people use', () => {
	it.each([[80, 24], [80, 20], [60, 20], [50, 16]])('puts pairing needed above everything at %ix%i, once, readable whole', async (columns, rows) => {
		const monitor = new FakeMonitor(snapshot({token: pairingNeeded}));
		const rendered = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns, rows});
		const text = await rendered.waitForFrame(fits(columns, rows), `${columns}x${rows}`);
		// Right under the title, above Paused and Connected, and nowhere else.
		expect(lines(text)[1]).toMatch(/^! pairing needed: run c2c-status pair/);
		expect(lines(text)[2]).toMatch(/Paused: no/);
		expect(text.split('pairing needed').length - 1).toBe(1);
	});

	it('gives the reason after the request where there is room', async () => {
		const monitor = new FakeMonitor(snapshot({token: pairingNeeded}));
		const wide = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns: 120, rows: 30});
		expect(lines(await wide.waitForFrame(fits(120, 30), '120x30'))[1]).toBe('! pairing needed: run c2c-status pair (retrying each minute) · the refresh token was refused: invalid_grant');
		const narrow = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns: 80, rows: 24});
		expect(lines(await narrow.waitForFrame(fits(80, 24), '80x24'))[1]).toBe('! pairing needed: run c2c-status pair (retrying each minute) · the refresh tok…');
		const small = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns: 50, rows: 16});
		expect(lines(await small.waitForFrame(fits(50, 16), '50x16'))[1]).toBe('! pairing needed: run c2c-status pair · the refr…');
	});

	it('shows an owned token\'s life at 80x24 and keeps Project and Expires', async () => {
		const monitor = new FakeMonitor(snapshot({token: ownedToken()}));
		const rendered = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns: 80, rows: 24});
		const text = await rendered.waitForFrame(fits(80, 24), '80x24');
		expect(text).toContain('Token      exp 7h 49m · refresh 7h 39m');
		expect(text).toContain('Project    Testbed');
		expect(text).toContain('Expires    never');
	});
});
