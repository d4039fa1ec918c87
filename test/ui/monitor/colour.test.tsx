import {afterEach, describe, expect, it, vi} from 'vitest';
import type {TokenSnapshot} from '../../../source/core/token/token-source.js';
import App from '../../../source/ui/monitor/App.js';
import IdentityPanel from '../../../source/ui/monitor/panels/IdentityPanel.js';
import PairScreen from '../../../source/ui/pair/PairScreen.js';
import FleetScreen from '../../../source/ui/fleet/FleetScreen.js';
import {initialFleetViewState} from '../../../source/ui/fleet/fleet-view-state.js';
import {baseTime, FakeFleet, FakeMonitor, ownedToken, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';

// Chalk (through Ink) picks its colour level once, when it loads, and test/setup.ts pins it to none.
// This file (a process of its own) asks for 16 colours before anything loads Ink, as bench/run.ts does;
// vi.hoisted runs before the imports above, which is also why it imports process itself.
await vi.hoisted(async () => {
	const {default: process} = await import('node:process');
	process.env.FORCE_COLOR = '1';
});

afterEach(() => {
	cleanup();
});

const now = () => baseTime;

describe('App colour', () => {
	it('uses colour only when allowed, and never as the only sign', () => {
		const paused = new FakeMonitor(snapshot({status: {...snapshot().status, paused: {value: true, since: baseTime, source: 'event', evidenceAt: baseTime}}}));
		const colour = renderInk(<App monitor={paused} now={now} onQuit={() => {}}/>, {color: true});
		// eslint-disable-next-line no-control-regex
		expect(colour.frame()).toMatch(/\u001B\[33m[^\u001B]*Paused: yes/);
		const plain = renderInk(<App monitor={paused} now={now} onQuit={() => {}}/>, {color: false});
		// eslint-disable-next-line no-control-regex
		expect(plain.frame()).not.toMatch(/\u001B\[(3[0-7]|9[0-7])m/);
		expect(plain.frame()).toContain('‖  Paused: yes');
	});

	it('draws an unconfirmed Paused in its own colour, neither the green nor the yellow of a confirmed one (issue 15.1)', () => {
		const base = snapshot();
		const doubt = new FakeMonitor(snapshot({status: {...base.status, confidence: {confirmed: false, confirmedAt: baseTime - 48_000, reasons: ['socket refused'], lastEvidence: 'identity'}}}));
		const line = renderInk(<App monitor={doubt} now={now} onQuit={() => {}}/>, {color: true}).frame().split('\n')[1]!;
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(line).toMatch(/^(\u001B\[1m)?\u001B\[35m\? {2}Paused: no/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(line).not.toMatch(/\u001B\[3[23]m/);
		const fleet = new FakeFleet([{name: 'A-cam', snapshot: doubt.getSnapshot()}]);
		const screen = <FleetScreen fleet={fleet} view={initialFleetViewState} now={now} current={() => initialFleetViewState} dispatch={() => {}} onQuit={() => {}}/>;
		const fleetCell = renderInk(screen, {color: true}).frame();
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(fleetCell).toMatch(/\u001B\[35m\? no/);
	});
});

describe('Token and pairing colour', () => {
	it('puts a pairing-needed alert in red above the headline and a refresh being retried in yellow, with words that say as much', () => {
		const {identity} = snapshot();
		const alerted = new FakeMonitor(snapshot({token: ownedToken({phase: 'pairing-needed', lastError: 'refused'}), stateProblem: 'read-only file system'}));
		const pairing = renderInk(<App monitor={alerted} now={now} onQuit={() => {}}/>, {color: true}).frame();
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(pairing.split('\n')[1]).toMatch(/\u001B\[31m! pairing needed: run c2c-status pair/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(pairing.split('\n')[2]).toMatch(/\u001B\[33m! state folder not writable/);
		const panel = (token: TokenSnapshot) => renderInk(<IdentityPanel identity={identity} token={token} now={baseTime} width={100} lines={5}/>, {color: true}).frame();
		const retrying = panel(ownedToken({phase: 'retrying', lastError: 'refused', nextRefreshAt: baseTime}));
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(retrying).toMatch(/\u001B\[33m! token refresh failed: refused, retrying now/);
	});

	it('paints the QR code bright white on black with colour, so it reads the right way round on any background', () => {
		const waiting = {
			phase: 'waiting' as const, userCode: '123456', verificationUri: 'https://next.frame.io/pair', verificationUriComplete: 'https://next.frame.io/pair?code=123456',
			expiresAt: baseTime + 60_000, intervalMs: 5000, nextPollAt: null, polls: 0, lastError: null,
		};
		const draw = (color: boolean) => renderInk(<PairScreen pairing={waiting} apiUrl="https://api.frame.io" now={() => baseTime} onNewCode={() => {}} onStart={() => {}} onQuit={() => {}}/>, {color, columns: 100, rows: 30}).frame();
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(draw(true)).toMatch(/\u001B\[40m\u001B\[97m█{20}/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(draw(false)).not.toMatch(/\u001B\[(3[0-7]|4[0-7]|9[0-7]|10[0-7])m/);
		expect(draw(false)).toContain('█'.repeat(33));
	});

	it('turns the countdown yellow in the code\'s last 30 seconds', () => {
		const waiting = {
			phase: 'waiting' as const, userCode: '123456', verificationUri: 'https://next.frame.io/pair', verificationUriComplete: null,
			intervalMs: 5000, nextPollAt: null, polls: 0, lastError: null,
		};
		const status = (expiresAt: number) => renderInk(<PairScreen pairing={{...waiting, expiresAt}} apiUrl="https://api.frame.io" now={() => baseTime} onNewCode={() => {}} onStart={() => {}} onQuit={() => {}}/>, {color: true})
			.frame().split('\n').find(line => line.includes('code expires'));
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(status(baseTime + 29_000)).toMatch(/^\u001B\[33m.*code expires in 29s/);
		// eslint-disable-next-line no-control-regex -- the test looks for colour codes
		expect(status(baseTime + 31_000)).not.toMatch(/\u001B\[33m/);
	});
});
