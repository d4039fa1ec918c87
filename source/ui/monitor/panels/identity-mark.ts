import type {IdentitySnapshot} from '../../../core/identity/identity-poller.js';
import {formatDuration} from '../../format/format.js';
import {firstThatFits} from '../../format/text-width.js';

/** What the Identity title says about the identity as a whole; `alarm` for a stale one or an error. */
export type IdentityMark = {readonly text: string; readonly alarm: boolean};

/**
Marks an identity that may not say what Frame.io says now: STALE when later fetches failed, ERROR
when none succeeded, and where it came from when this process did not fetch it (left by the last
run, or fetched moments ago by another c2c-status sharing the device: a monitor or a `check`, issue
15.6). The fullest wording that fits in `room` cells is used.
*/
export function identityMark(snapshot: IdentitySnapshot, now: number, room: number): IdentityMark | undefined {
	const age = snapshot.fetchedAt === null ? undefined : formatDuration(now - snapshot.fetchedAt);
	if (snapshot.stale && age !== undefined) {
		const stale = `STALE ${age}`;
		const from = originWords(snapshot.origin);
		return {text: firstThatFits(from ? [`${stale}, ${from.full}`, `${stale}, ${from.short}`, stale] : [stale], room), alarm: true};
	}

	if (snapshot.error && snapshot.identity === null) {
		return {text: 'ERROR', alarm: true};
	}

	const from = originWords(snapshot.origin);
	if (from === undefined || age === undefined) {
		return undefined;
	}

	return {text: firstThatFits([`${from.full}, ${age} ago`, `${from.short}, ${age} ago`, `${from.short} ${age} ago`, from.short], room), alarm: false};
}

function originWords(origin: IdentitySnapshot['origin']): {readonly full: string; readonly short: string} | undefined {
	switch (origin) {
		case 'last-run': {
			return {full: 'from the last run', short: 'from last run'};
		}

		case 'other-process': {
			return {full: 'fetched by another c2c-status', short: 'another c2c-status'};
		}

		case 'pairing': {
			return {full: 'fetched at pairing', short: 'at pairing'};
		}

		case 'fetched':
		case null: {
			return undefined;
		}
	}
}
