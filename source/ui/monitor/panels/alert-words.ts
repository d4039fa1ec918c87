import type {MonitorSnapshot} from '../../../core/monitor.js';
import {countdown, formatDuration} from '../../format/format.js';
import {displayWidth} from '../../format/text-width.js';

/** What the alert lines' words are made with (as the Identity panel's token words). */
export type AlertContext = {
	readonly now: number;
	readonly separator: string;
	readonly warningMark: string;
	/** Redacts and sanitizes text that came from outside (errors, paths), as SafeText will draw it. */
	readonly screenText: (text: string) => string;
};

/**
One wording of an alert: `head` is what must be read whole, `tail` what follows it while the line
has room (the line's end cuts it).
*/
export type AlertWording = {readonly head: string; readonly tail?: string};

/** Something that stands above everything: someone must act, or the monitor cannot keep a promise. */
export type Alert = {
	readonly key: 'pairing' | 'credentials' | 'state';
	/** Fullest first; the first whose head fits is drawn (else the last, cut). */
	readonly wordings: readonly AlertWording[];
	/** A few words, without the mark, for a line that says several alerts at once ("state folder not writable"). */
	readonly short: string;
	readonly tone: 'red' | 'yellow';
};

/**
The alerts of the live view, most serious first, each said once (here, not in a panel): pairing
needed (nothing works until someone pairs again); owned credentials that cannot be saved, or a new
pair held only in memory (issue 14 A); a state folder that cannot be written, so the 60 s identity
rule cannot hold across restarts (issue 14.6).
*/
export function headlineAlerts(snapshot: Pick<MonitorSnapshot, 'token' | 'stateProblem'>, context: AlertContext): Alert[] {
	return [pairingAlert(snapshot, context), credentialsAlert(snapshot, context), stateAlert(snapshot, context)].filter(alert => alert !== undefined);
}

/** The line an alert draws in `room` cells: the first wording whose head fits, with its tail. */
export function alertText(alert: Alert, room: number): string {
	const wording = alert.wordings.find(candidate => displayWidth(candidate.head) <= room) ?? alert.wordings.at(-1)!;
	return wording.head + (wording.tail ?? '');
}

function pairingAlert({token}: Pick<MonitorSnapshot, 'token'>, {separator: sep, warningMark: mark, screenText}: AlertContext): Alert | undefined {
	const {refresh} = token;
	if (refresh?.phase !== 'pairing-needed') {
		return undefined;
	}

	const why = refresh.lastError === null ? '' : pairingReason(screenText(refresh.lastError));
	const tail = why ? ` ${sep} ${why}` : '';
	return {
		key: 'pairing',
		short: 'pairing needed',
		tone: 'red',
		wordings: [
			{head: `${mark} pairing needed: run c2c-status pair (retrying each minute)`, tail},
			{head: `${mark} pairing needed: run c2c-status pair`, tail},
			{head: `${mark} run c2c-status pair`},
		],
	};
}

/** The refresh's own error may repeat the request ("pairing needed: run c2c-status pair (why)"): the reason alone. */
function pairingReason(lastError: string): string {
	return /^pairing needed: run c2c-status pair \((?<why>.*)\)$/.exec(lastError)?.groups?.why ?? lastError;
}

function credentialsAlert({token}: Pick<MonitorSnapshot, 'token'>, {now, separator: sep, warningMark: mark, screenText}: AlertContext): Alert | undefined {
	const {persistence} = token;
	if (persistence.state === 'ok') {
		return undefined;
	}

	const error = screenText(persistence.error);
	const retry = persistence.nextTryAt === null ? undefined : countdown(persistence.nextTryAt, now);
	if (persistence.state === 'cannot-save') {
		// No refresh is spent while the new pair could not be saved: the token in use lasts until it expires.
		const expires = token.expiresAt === null ? undefined : (token.expiresAt > now ? `token expires in ${formatDuration(token.expiresAt - now)}` : 'token expired');
		const facts = [expires, retry === undefined ? undefined : `tried again ${retry}`].filter(fact => fact !== undefined);
		const tail = facts.map(fact => ` ${sep} ${fact}`).join('');
		return {
			key: 'credentials',
			short: 'credentials not saved',
			tone: 'red',
			wordings: [{head: `${mark} credentials cannot be saved: ${error}`, tail}, {head: `${mark} credentials cannot be saved:`, tail: ` ${error}${tail}`}],
		};
	}

	const retrying = retry === undefined ? '' : `, retrying ${retry}`;
	return {
		key: 'credentials',
		short: 'credentials not saved',
		tone: 'red',
		wordings: [
			{head: `${mark} new credentials held in memory: cannot be written: ${error}${retrying}`},
			{head: `${mark} new credentials only in memory${retry === undefined ? '' : ` (write retry ${retry})`}:`, tail: ` ${error}`},
		],
	};
}

function stateAlert({stateProblem}: Pick<MonitorSnapshot, 'stateProblem'>, {warningMark: mark, screenText}: AlertContext): Alert | undefined {
	if (stateProblem === null) {
		return undefined;
	}

	const problem = screenText(stateProblem);
	return {
		key: 'state',
		short: 'state not writable',
		tone: 'yellow',
		wordings: [
			{head: `${mark} state folder not writable: ${problem}; the 60 s rule across restarts cannot hold`},
			{head: `${mark} state folder not writable (the 60 s rule across restarts cannot hold):`, tail: ` ${problem}`},
		],
	};
}
