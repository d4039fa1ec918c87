import {afterEach, describe, expect, it} from 'vitest';
import type {DerivedStatus} from '../../../source/core/derive-status.js';
import type {MonitorSnapshot} from '../../../source/core/monitor.js';
import {initialSocketSnapshot, type SocketState} from '../../../source/core/socket/socket-types.js';
import {columnSpecs} from '../../../source/ui/fleet/fleet-columns.js';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import {fleetRow} from '../../../source/ui/fleet/fleet-row.js';
import {asciiOnly} from '../../../source/ui/screen/ascii-stdout.js';
import {displayWidth} from '../../../source/ui/format/text-width.js';
import {createTheme} from '../../../source/ui/shared/theme.js';
import {baseTime, FakeFleet, ownedToken, pausedStatus, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';
import {cells, closedSocket, deviceSnapshot, lines, row} from './fleet-fixture.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length === rows - 1 && lines(frame).every(line => line.length <= columns - 1);

function unconfirmed(paused: boolean): DerivedStatus {
	return {...pausedStatus(paused), confidence: {confirmed: false, confirmedAt: baseTime - 48_000, reasons: ['socket refused'], lastEvidence: 'event'}};
}

async function draw(devices: ReadonlyArray<{name: string; snapshot: MonitorSnapshot}>, columns: number, options: {ascii?: boolean} = {}): Promise<string> {
	const rendered = renderInk(<FleetApp fleet={new FakeFleet(devices)} now={now} onQuit={() => {}}/>, {columns, rows: 24, ...options});
	return rendered.waitForFrame(frame => fits(columns, 24)(frame) && frame.includes(devices.at(-1)!.name), `${columns} columns`);
}

describe('fleet table: what it does not know (issues 15.1, 15.14, 14 A, 14.6)', () => {
	it('marks a Paused nothing confirms with its own symbol, and counts them on the summary line, at 80 columns', async () => {
		const frame = await draw([
			{name: 'A-cam', snapshot: deviceSnapshot('A', {status: unconfirmed(true)})},
			{name: 'B-cam', snapshot: deviceSnapshot('B', {status: unconfirmed(false)})},
			{name: 'C-cam', snapshot: deviceSnapshot('C', {status: pausedStatus(false)})},
		], 80);
		expect(lines(frame)[0]).toBe('3 devices · 1 paused · 2 unconfirmed · 0 not connected');
		expect(cells(row(frame, 'A-cam'))[1]).toBe('? yes');
		expect(cells(row(frame, 'B-cam'))[1]).toBe('? no');
		expect(cells(row(frame, 'C-cam'))[1]).toBe('▶ no');
		const ascii = asciiOnly(await draw([{name: 'A-cam', snapshot: deviceSnapshot('A', {status: unconfirmed(false)})}], 80, {ascii: true}));
		expect(cells(row(ascii, 'A-cam'))[1]).toBe('? no');
	});

	it('shows a round trip only for a joined socket, from its own connection: none for a device whose API is down', async () => {
		const base = snapshot();
		const apiDown = {...pausedStatus(false), connected: {value: false, since: baseTime - 12_000, source: 'health' as const, evidenceAt: baseTime - 2000}};
		const reconnected = {...base.socket, openedAt: baseTime - 500, join: {...base.socket.join, joinedAt: baseTime - 400}};
		const frame = await draw([
			{name: 'A-cam', snapshot: deviceSnapshot('A')},
			{name: 'B-cam', snapshot: deviceSnapshot('B', {socket: closedSocket(), status: apiDown})},
			{name: 'C-cam', snapshot: deviceSnapshot('C', {socket: reconnected})},
		], 140);
		const rtt = (name: string) => cells(row(frame, name))[5];
		expect(rtt('A-cam')).toBe('12 ms');
		expect(rtt('B-cam')).toBe('-');
		expect(rtt('C-cam')).toBe('-');
	});

	it('says a socket waiting for the device id in whole words at 80 columns', async () => {
		const idle = {...initialSocketSnapshot('wss://api.frame.io/devices/websocket')};
		const long = 'Camera A (main)';
		const frame = await draw([{name: long, snapshot: deviceSnapshot('A', {socket: idle})}, {name: 'B-cam', snapshot: deviceSnapshot('B')}], 80);
		expect(cells(row(frame, long))[3]).toBe('! no id yet');
		expect(frame).not.toContain('no device…');
	});

	it('says credentials that cannot be saved, and a state folder that cannot be written', async () => {
		const cannotSave = ownedToken({}, {persistence: {state: 'cannot-save', error: 'no space left on device', since: baseTime, nextTryAt: null}});
		const unsaved = ownedToken({}, {persistence: {state: 'unsaved', error: 'no space left on device', since: baseTime, nextTryAt: null}});
		const frame = await draw([
			{name: 'A-cam', snapshot: deviceSnapshot('A', {token: cannotSave})},
			{name: 'B-cam', snapshot: deviceSnapshot('B', {token: unsaved, stateProblem: 'read-only file system'})},
		], 120);
		expect(lines(frame)[0]).toBe('2 devices · 0 paused · 0 not connected · 2 credentials not saved · 1 state not writable');
		expect(cells(row(frame, 'A-cam'))).toContain('✖ cannot save');
		expect(cells(row(frame, 'B-cam'))).toContain('✖ not saved');
	});

	it('has, for every cell that may be cut, a wording that fits its least width whole', () => {
		const theme = createTheme({color: false, ascii: false});
		const states: SocketState[] = ['idle', 'connecting', 'open', 'joined', 'closed', 'waiting', 'rejected', 'stopped'];
		const tokens = [
			ownedToken(),
			ownedToken({phase: 'pairing-needed'}),
			ownedToken({phase: 'retrying'}),
			{...ownedToken(), error: 'EACCES'},
			ownedToken({}, {persistence: {state: 'cannot-save', error: 'x', since: 0, nextTryAt: null}}),
			ownedToken({}, {persistence: {state: 'unsaved', error: 'x', since: 0, nextTryAt: null}}),
		];
		for (const state of states) {
			for (const token of tokens) {
				const socket = {...snapshot().socket, state, attempt: 12, nextRetryAt: baseTime + 3000, rejection: state === 'rejected' ? {status: 403, message: '', at: baseTime} : null};
				const cellsOf = fleetRow('A', snapshot({socket, token}), {now: baseTime, theme, screenText: text => text});
				expect(displayWidth(cellsOf.socket.variants.at(-1)!), `${state}: ${cellsOf.socket.variants.join(' | ')}`).toBeLessThanOrEqual(columnSpecs.socket.min);
				expect(displayWidth(cellsOf.token.variants.at(-1)!), cellsOf.token.variants.join(' | ')).toBeLessThanOrEqual(columnSpecs.token.min);
			}
		}
	});
});
