import {afterEach, describe, expect, it} from 'vitest';
import type {DerivedStatus, PausedConfidence} from '../../../../source/core/derive-status.js';
import App from '../../../../source/ui/monitor/App.js';
import StatusPanel from '../../../../source/ui/monitor/panels/StatusPanel.js';
import {asciiOnly} from '../../../../source/ui/screen/ascii-stdout.js';
import {baseTime, FakeMonitor, pausedStatus, snapshot} from '../../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = baseTime;
const lines = (frame: string) => frame.split('\n');
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length === rows - 1 && lines(frame).every(line => line.length <= columns - 1);

/** Paused: no, which nothing confirms now: the socket refused, the identity failing, last confirmed 48 s ago. */
function unconfirmed(confidence: Partial<PausedConfidence> = {}, paused = false): DerivedStatus {
	const status = pausedStatus(paused);
	return {...status, confidence: {confirmed: false, confirmedAt: baseTime - 48_000, reasons: ['socket refused', 'identity failing'], lastEvidence: 'identity', ...confidence}};
}

function headline(status: DerivedStatus, width?: number, options: {ascii?: boolean} = {}): string {
	return lines(renderInk(<StatusPanel status={status} latencyMs={42} now={now} detail={0} width={width}/>, {columns: 200, ...options}).frame())[0]!;
}

describe('StatusPanel: a confirmed Paused', () => {
	it('shows Paused and Connected as symbol and word, with how long and from where', () => {
		const app = renderInk(<StatusPanel status={pausedStatus(true)} latencyMs={42} now={now} detail={1}/>);
		expect(app.frame()).toContain('‖  Paused: yes  for 2m 03s · from a status_updated event');
		expect(app.frame()).toContain('✔  Connected: yes  for 1h 02m · /health ok 42 ms');
		expect(app.frame()).toContain('raw identity status: online (the device was active within the last 5 minutes)');
	});

	it('says no and unknown in words too', () => {
		const app = renderInk(<StatusPanel status={pausedStatus(false, false)} latencyMs={null} now={now} detail={0}/>);
		expect(app.frame()).toContain('▶  Paused: no  for 2m 03s · confirmed by the identity 2m 03s ago');
		expect(app.frame()).toContain('✖  Connected: no  for 1h 02m · /health failing');
		expect(app.frame()).not.toContain('raw identity status');
		const unknown = renderInk(<StatusPanel status={pausedStatus(null, null)} latencyMs={null} now={now} detail={0}/>);
		expect(unknown.frame()).toContain('?  Paused: unknown  waiting for the identity or a status event');
		expect(unknown.frame()).toContain('?  Connected: unknown  first /health check pending');
		expect(unknown.frame()).not.toContain('unconfirmed');
		// A refused token and socket will not answer soon: it says why nothing is known rather than "waiting".
		const refusedStatus = pausedStatus(null, null);
		const confidence = {...refusedStatus.confidence, reasons: ['socket refused', 'token rejected']};
		const refused = renderInk(<StatusPanel status={{...refusedStatus, confidence}} latencyMs={null} now={now} detail={0}/>);
		expect(refused.frame()).toContain('?  Paused: unknown  no evidence: socket refused, token rejected');
	});

	it('says what confirmed it last: an identity after the event that set it (issue 15.14)', () => {
		const status: DerivedStatus = {
			...pausedStatus(true),
			paused: {value: true, since: baseTime - 300_000, source: 'event', evidenceAt: baseTime - 12_000},
			confidence: {confirmed: true, confirmedAt: baseTime - 12_000, reasons: [], lastEvidence: 'identity'},
		};
		expect(headline(status)).toBe('‖  Paused: yes  for 5m 00s · confirmed by the identity 12s ago');
		const byEvent: DerivedStatus = {...status, paused: {...status.paused, source: 'identity'}, confidence: {...status.confidence, lastEvidence: 'event'}};
		expect(headline(byEvent)).toBe('‖  Paused: yes  for 5m 00s · confirmed by a status_updated event 12s ago');
	});

	it('says when Paused rests on the identity the last run left, or another c2c-status fetched (issue 15.6)', () => {
		const status: DerivedStatus = {...pausedStatus(false), paused: {value: false, since: baseTime - 40_000, source: 'identity', evidenceAt: baseTime - 41_000}};
		const draw = (identity: {origin: 'last-run' | 'other-process' | 'fetched'; fetchedAt: number}) =>
			lines(renderInk(<StatusPanel status={status} latencyMs={42} now={now} detail={0} identity={identity}/>).frame())[0];
		expect(draw({origin: 'last-run', fetchedAt: baseTime - 40_000})).toBe('▶  Paused: no  for 40s · from the last run\'s identity, 40s ago');
		expect(draw({origin: 'other-process', fetchedAt: baseTime - 40_000})).toBe('▶  Paused: no  for 40s · confirmed by another c2c-status\'s identity 41s ago');
		expect(draw({origin: 'fetched', fetchedAt: baseTime - 40_000})).toBe('▶  Paused: no  for 40s · confirmed by the identity 41s ago');
	});

	it('uses ASCII symbols with --ascii', () => {
		const app = renderInk(<StatusPanel status={pausedStatus(true, false)} latencyMs={null} now={now} detail={1}/>, {ascii: true});
		expect(app.frame()).toContain('|| Paused: yes');
		expect(app.frame()).toContain('x  Connected: no');
		expect(app.frame()).toMatch(/^[\u0020-\u007E\n]*$/);
	});
});

describe('StatusPanel: an unconfirmed Paused (issue 15.1)', () => {
	it('keeps the last value and says at once that nothing confirms it, why and since when', () => {
		expect(headline(unconfirmed(), 99)).toBe('?  Paused: no (unconfirmed: socket refused, identity failing · last confirmed 48s ago)');
		// With room to spare, how long and from where follow.
		expect(headline(unconfirmed(), 199)).toBe('?  Paused: no (unconfirmed: socket refused, identity failing · last confirmed 48s ago)  for 2m 03s · from the identity 2m 03s ago');
		expect(headline(unconfirmed({}, true), 99)).toBe('?  Paused: yes (unconfirmed: socket refused, identity failing · last confirmed 48s ago)');
	});

	it('fits 80 columns: the reasons are cut, never "unconfirmed", when it was confirmed or the parenthesis', () => {
		expect(headline(unconfirmed(), 79)).toBe('?  Paused: no (unconfirmed, confirmed 48s ago: socket refused, identity faili…)');
		expect(headline(unconfirmed({reasons: ['socket refused']}), 79)).toBe('?  Paused: no (unconfirmed: socket refused · last confirmed 48s ago)');
		expect(headline(unconfirmed(), 49)).toBe('?  Paused: no (unconfirmed, confirmed 48s ago)');
	});

	it('says only what it knows: no reasons, never confirmed', () => {
		expect(headline(unconfirmed({reasons: [], confirmedAt: null}), 79)).toBe('?  Paused: no (unconfirmed)  for 2m 03s · from the identity 2m 03s ago');
		expect(headline(unconfirmed({reasons: []}), 79)).toBe('?  Paused: no (unconfirmed · last confirmed 48s ago)');
		expect(headline(unconfirmed({confirmedAt: null}), 79)).toBe('?  Paused: no (unconfirmed: socket refused, identity failing)');
	});

	it('reads differently from a confirmed value without colour and in ASCII: its own symbol and the word', () => {
		// As --ascii draws it: what Ink writes goes through asciiOnly.
		const ascii = asciiOnly(headline(unconfirmed(), 79, {ascii: true}));
		expect(ascii).toMatch(/^\? {2}Paused: no \(unconfirmed/);
		expect(ascii).toMatch(/^[\u0020-\u007E]*$/);
		expect(headline(pausedStatus(false), 79, {ascii: true})).toMatch(/^> {2}Paused: no {2}for/);
	});

	it('stands on the live view\'s first line under the title at 80x24, Connected unchanged below it', async () => {
		const monitor = new FakeMonitor(snapshot({status: unconfirmed()}));
		const rendered = renderInk(<App monitor={monitor} now={() => now} onQuit={() => {}}/>, {columns: 80, rows: 24});
		const frame = await rendered.waitForFrame(fits(80, 24), '80x24');
		expect(lines(frame)[1]).toBe('?  Paused: no (unconfirmed, confirmed 48s ago: socket refused, identity faili…)');
		expect(lines(frame)[2]).toMatch(/^✔ {2}Connected: yes/);
	});
});
