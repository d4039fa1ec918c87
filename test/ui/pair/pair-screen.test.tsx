import {afterEach, describe, expect, it} from 'vitest';
import type {PairingSnapshot} from '../../../source/core/token/pairing-types.js';
import PairScreen from '../../../source/ui/pair/PairScreen.js';
import {qrLines} from '../../../source/ui/pair/qr-lines.js';
import {displayWidth} from '../../../source/ui/format/text-width.js';
import {baseTime} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

type Waiting = Extract<PairingSnapshot, {phase: 'waiting'}>;

const completeUri = 'https://next.frame.io/pair?code=123456';
const waiting: Waiting = {
	phase: 'waiting', userCode: '123456', verificationUri: 'https://next.frame.io/pair', verificationUriComplete: completeUri,
	expiresAt: baseTime + 112_000, intervalMs: 5000, nextPollAt: baseTime + 2000, polls: 3, lastError: null,
};
const paired: PairingSnapshot = {
	phase: 'paired', credentialsPath: '/home/dit/.config/c2c-status/credentials.json', identityError: null,
	identity: {id: 'a7e95254-8cd6-4d59-b54d-28c58570a8de', name: 'Cart A', projectId: 'p1', projectName: 'Testbed', creatorName: 'Harry Potter', expiresAt: null, status: 'online'},
};
const expired: PairingSnapshot = {phase: 'expired', userCode: '123456'};
const failed: PairingSnapshot = {phase: 'failed', code: 'invalid_client', message: 'the client id or secret was refused'};

/** The rows of the digits 123 456 in the block font, as drawn at 80 columns beside a QR code. */
const bigRows = [
	' █  ███ ███   █ █ ███ ███',
	'██    █   █   █ █ █   █',
	' █  ███  ██   ███ ███ ███',
	' █  █     █     █   █ █ █',
	'███ ███ ███     █ ███ ███',
];

/** The lines drawn, less the blank ones under the keys (the screen is as tall as the terminal allows). */
const lines = (frame: string) => frame.replace(/\n+$/, '').split('\n');
const fits = (columns: number, rows: number) => (frame: string) => lines(frame).length <= rows - 1 && lines(frame).every(line => displayWidth(line) <= columns - 1);

function screen(pairing: PairingSnapshot, size: {columns: number; rows: number}, options: {ascii?: boolean; now?: () => number; redact?: (text: string) => string} = {}) {
	const calls = {newCode: 0, start: 0, quit: 0};
	const tree = (snapshot: PairingSnapshot) => (
		<PairScreen
			pairing={snapshot}
			apiUrl="https://api.frame.io"
			now={options.now ?? (() => baseTime)}
			{...(options.redact ? {redact: options.redact} : {})}
			onNewCode={() => {
				calls.newCode++;
			}}
			onStart={() => {
				calls.start++;
			}}
			onQuit={() => {
				calls.quit++;
			}}
		/>
	);
	const rendered = renderInk(tree(pairing), {...size, ascii: options.ascii ?? false});
	const settled = async () => rendered.waitForFrame(fits(size.columns, size.rows), `a ${size.columns}x${size.rows} frame`);
	return {rendered, calls, settled, show(snapshot: PairingSnapshot) {
		rendered.rerender(tree(snapshot));
	}};
}

describe('PairScreen while waiting', () => {
	it('shows the code large and plain, where to enter it, a QR code, the countdown and the polls at 80x24', async () => {
		const text = await screen(waiting, {columns: 80, rows: 24}).settled();
		const shown = lines(text);
		expect(shown[0]).toBe('c2c-status pair · https://api.frame.io');
		expect(text).toContain('Go to https://next.frame.io/pair\non a phone or computer and enter this code, or scan the QR code:');
		for (const row of bigRows) {
			expect(shown.some(line => line.startsWith(row.padEnd(30))), row).toBe(true);
		}

		expect(shown.some(line => line.startsWith('code 123456 '))).toBe(true);
		expect(text).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting · code expires in 1m 52s/);
		expect(text).toContain('checked 3 times, every 5s · next in 2s');
		// The QR code, whole and to the right of the rest, every row at the same column.
		const qr = qrLines(completeUri);
		const column = shown.findIndex(line => line.endsWith(qr[0]!));
		expect(column).toBeGreaterThan(0);
		const at = shown[column]!.length - qr[0]!.length;
		expect(qr.every((row, index) => shown[column + index]!.slice(at) === row)).toBe(true);
		expect(shown.at(-1)).toBe('q to quit');
		expect(shown.length).toBeLessThanOrEqual(23);
	});

	it('draws one spinner, and it moves', async () => {
		const {rendered, settled} = screen(waiting, {columns: 80, rows: 24});
		const first = await settled();
		expect(first.match(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g)).toHaveLength(1);
		await rendered.waitForFrame(frame => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting/.exec(frame)?.[0] !== /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] waiting/.exec(first)?.[0], 'the spinner to move');
	});

	it('counts down to the expiry each second', async () => {
		// Times just before a whole second, so the screen's clock ticks at once.
		let time = baseTime + 999;
		const {rendered, settled} = screen({...waiting, verificationUriComplete: null}, {columns: 80, rows: 24}, {now: () => time});
		expect(await settled()).toContain('code expires in 1m 52s');
		time = waiting.expiresAt - 10_001;
		await rendered.waitForFrame(frame => frame.includes('waiting for approval · code expires in 11s'), 'the countdown to move');
	});

	it('says the last network error while it keeps polling', async () => {
		const text = await screen({...waiting, lastError: 'connection refused', polls: 1, nextPollAt: null}, {columns: 80, rows: 24}).settled();
		expect(text).toContain('! network: connection refused, still polling');
		expect(text).toContain('checked 1 time, every 5s · next now');
	});

	it.each([[60, 20], [50, 16]])('keeps the code, the address, the countdown and the error at %ix%i, and says how to get the QR code', async (columns, rows) => {
		const text = await screen({...waiting, lastError: 'connection refused'}, {columns, rows}).settled();
		expect(text).toContain('Go to https://next.frame.io/pair');
		expect(lines(text).some(line => line.startsWith('code 123456'))).toBe(true);
		expect(text).toContain('waiting for approval · code expires in 1m 52s');
		expect(text).toContain('! network: connection refused, still polling');
		expect(text).not.toContain(qrLines(completeUri)[1]!);
		expect(lines(text).at(-1)).toBe('q to quit');
		if (rows >= 20) {
			expect(text).toContain('QR code: needs a terminal of 66x22 or more');
			// 60 columns: the wider font, of 50 cells.
			expect(text).toContain('  ██    ██████  ██████      ██  ██  ██████  ██████');
		} else {
			expect(lines(text).some(line => line.startsWith(bigRows[0]!))).toBe(true);
		}
	});

	it('shows the QR code from the size it names, and not below', async () => {
		const qrRow = qrLines(completeUri)[1]!;
		expect(await screen(waiting, {columns: 66, rows: 22}).settled()).toContain(qrRow);
		expect(await screen(waiting, {columns: 65, rows: 22}).settled()).not.toContain(qrRow);
		expect(await screen(waiting, {columns: 66, rows: 21}).settled()).not.toContain(qrRow);
	});

	it('draws ASCII only with --ascii: the digits in #, no QR code, and says so', async () => {
		const text = await screen(waiting, {columns: 80, rows: 24}, {ascii: true}).settled();
		expect(text).toMatch(/^[\u0020-\u007E\n]*$/);
		expect(text).toContain('  ##    ######  ######      ##  ##  ######  ######');
		expect(text).toContain('code 123456');
		expect(text).toContain('QR code: not drawn with --ascii (run without it to get one)');
		expect(text).toContain('waiting for approval | code expires in 1m 52s');
	});

	it('leaves out the QR code and its hint when the server sent no address with the code', async () => {
		const text = await screen({...waiting, verificationUriComplete: null}, {columns: 80, rows: 24}).settled();
		expect(text).toContain('on a phone or computer and enter this code:');
		expect(text).not.toContain('QR code');
		expect(text).not.toContain('█▀');
	});

	it('writes a code that is not all digits plainly, and an address longer than a line whole', async () => {
		const address = `https://next.frame.io/pair/${'x'.repeat(60)}`;
		const text = await screen({...waiting, userCode: 'WDJB-MJHT', verificationUri: address, verificationUriComplete: null}, {columns: 50, rows: 16}).settled();
		expect(text).toContain('code WDJB-MJHT');
		expect(text).not.toContain('██');
		expect(lines(text).slice(1, 4).join('')).toContain(`Go to ${address}`);
	});

	it('keeps secrets and control characters from the server off the screen', async () => {
		const evil: Waiting = {
			...waiting,
			verificationUriComplete: null,
			userCode: '12\u001B[2J34',
			verificationUri: 'https://evil.example/\u001B]0;pwned\u0007pair',
			lastError: 'refused: client_secret=fake-client-secret\u0000',
		};
		const {rendered, settled} = screen(evil, {columns: 100, rows: 24}, {redact: text => text.replaceAll('fake-client-secret', '[redacted]')});
		const text = await settled();
		expect(text).toContain('code 1234');
		expect(text).toContain('Go to https://evil.example/pair');
		expect(text).toContain('! network: refused: client_secret=[redacted]\uFFFD, still polling');
		const everything = rendered.frames.join('');
		expect(everything).not.toContain('fake-client-secret');
		// eslint-disable-next-line no-control-regex -- the test looks for control characters
		expect(everything).not.toMatch(/\u001B\[2J|\u001B]0;|\u0007|\u0000/);
	});
});

describe('PairScreen after waiting', () => {
	it('says who approved, for which project, and where the credentials are, then starts on Enter', async () => {
		const {rendered, calls, settled} = screen(paired, {columns: 80, rows: 24});
		const text = await settled();
		expect(text).toContain('✔ Paired with Frame.io');
		expect(text).toContain('Project      Testbed');
		expect(text).toContain('Approved by  Harry Potter');
		expect(text).toContain('Device       Cart A');
		expect(text).toContain('Saved to     /home/dit/.config/c2c-status/credentials.json');
		expect(lines(text).find(line => line.startsWith('Enter'))).toBe('Enter to start monitoring, q to quit');
		await rendered.press(keys.enter, keys.enter);
		expect(calls.start).toBe(1);
		expect(calls.quit).toBe(0);
	});

	it('says when the identity could not be read, and cuts a long path in its middle at 50x16', async () => {
		const pairing: PairingSnapshot = {
			phase: 'paired', identity: null, identityError: 'HTTP 503',
			credentialsPath: '/home/dit/.config/c2c-status/credentials/api.frame.io.json',
		};
		const text = await screen(pairing, {columns: 50, rows: 16}).settled();
		expect(text).toContain('! could not read the identity: HTTP 503');
		expect(text).toContain('Saved to     /home/dit/.config/…api.frame.io.json');
		expect(text).toContain('Enter to start monitoring, q to quit');
	});

	it('says the code expired and asks for a new one on n, once until the screen changes', async () => {
		const {rendered, calls, settled, show} = screen(expired, {columns: 50, rows: 16});
		const text = await settled();
		expect(text).toContain('✖ The code 123456 expired');
		expect(text).toContain('Nobody entered it in Frame.io in time.');
		expect(text).toContain('n to get a new code, q to quit');
		await rendered.press('n', 'n');
		expect(calls.newCode).toBe(1);
		show({phase: 'requesting', attempt: 1});
		await rendered.waitForFrame(frame => frame.includes('asking Frame.io for a pairing code'), 'the request');
		await rendered.press('n');
		expect(calls.newCode).toBe(1);
		show({phase: 'expired', userCode: '654321'});
		await rendered.waitForFrame(frame => frame.includes('The code 654321 expired'), 'the next expiry');
		await rendered.press('n');
		expect(calls.newCode).toBe(2);
	});

	it('says why pairing failed, in plain words with its code, and offers only quitting', async () => {
		const {rendered, calls, settled} = screen(failed, {columns: 60, rows: 20});
		const text = await settled();
		expect(text).toContain('✖ Pairing failed (invalid_client)');
		expect(text).toContain('the client id or secret was refused');
		expect(lines(text).at(-1)).toBe('q to quit');
		await rendered.press('n', keys.enter);
		expect(calls).toEqual({newCode: 0, start: 0, quit: 0});
	});

	it('spins while it asks for a code, with the attempt', async () => {
		const text = await screen({phase: 'requesting', attempt: 2}, {columns: 50, rows: 16}).settled();
		expect(text).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] asking Frame.io for a pairing code \(attempt 2\)/);
	});
});

describe('PairScreen keys', () => {
	it.each([
		['requesting', {phase: 'requesting', attempt: 1}],
		['waiting', waiting],
		['paired', paired],
		['expired', expired],
		['failed', failed],
	] as Array<[string, PairingSnapshot]>)('q and Ctrl+C quit while %s', async (_phase, pairing) => {
		const {rendered, calls, settled} = screen(pairing, {columns: 80, rows: 24});
		await settled();
		await rendered.press('q');
		await rendered.press(keys.ctrlC);
		expect(calls.quit).toBe(2);
		expect(calls.newCode + calls.start).toBe(0);
	});

	it('ignores keys that do nothing in the phase', async () => {
		const {rendered, calls, settled} = screen(waiting, {columns: 80, rows: 24});
		await settled();
		await rendered.press('n', keys.enter, 'x');
		expect(calls).toEqual({newCode: 0, start: 0, quit: 0});
	});
});

describe('PairScreen sizes', () => {
	const phases: Array<[string, PairingSnapshot]> = [['waiting', {...waiting, lastError: 'connection refused'}], ['paired', paired], ['expired', expired], ['failed', failed]];
	const sizes: Array<[number, number]> = [[80, 24], [60, 20], [50, 16], [100, 30], [40, 12]];
	it.each(phases.flatMap(([name, pairing]) => sizes.map(([columns, rows]) => [name, columns, rows, pairing] as const)))(
		'draws %s within %ix%i, less the line Ink needs free, with the keys on the last line',
		async (_name, columns, rows, pairing) => {
			const text = await screen(pairing, {columns, rows}).settled();
			expect(lines(text).length).toBeLessThanOrEqual(rows - 1);
			expect(lines(text).at(-1)).toMatch(/q to quit$/);
		},
	);
});
