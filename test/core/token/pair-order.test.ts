import {describe, expect, it} from 'vitest';
import type {Credentials} from '../../../source/core/token/credentials-file.js';
import {isNewerPair} from '../../../source/core/token/pair-order.js';

const paired = Date.parse('2026-11-27T09:00:00Z');
const pair = (refreshToken: string, overrides: Partial<Credentials> = {}): Credentials => ({
	apiUrl: 'https://api.frame.io', clientId: 'cart-1', accessToken: `access-${refreshToken}`, refreshToken,
	issuedAt: paired, expiresAt: paired + 28_800_000, pairedAt: paired, ...overrides,
});

describe('which pair in the file may replace the one held (never an older one)', () => {
	it('takes a later rotation of the same pairing, never an earlier one or the same', () => {
		const held = pair('r3', {rotation: 3});
		expect(isNewerPair(pair('r4', {rotation: 4}), held, new Set())).toBe(true);
		expect(isNewerPair(pair('r2', {rotation: 2, issuedAt: paired + 999_999}), held, new Set())).toBe(false);
		expect(isNewerPair(pair('r3', {rotation: 3}), held, new Set())).toBe(false);
	});

	it('never takes back a refresh token it held before (spent), whatever the file says of it', () => {
		const held = pair('r3', {rotation: 3});
		expect(isNewerPair(pair('r2', {rotation: 9, pairedAt: paired + 1}), held, new Set(['r2']))).toBe(false);
	});

	it('takes another pairing (someone ran pair again), whatever its time', () => {
		const held = pair('r3', {rotation: 3});
		expect(isNewerPair(pair('new', {rotation: 0, pairedAt: paired + 60_000}), held, new Set())).toBe(true);
		expect(isNewerPair(pair('new', {rotation: 0, pairedAt: paired - 60_000}), held, new Set())).toBe(true);
	});

	it('compares an earlier c2c-status\'s file (no rotation) by when its pair was issued', () => {
		const held = pair('r3', {rotation: 3, issuedAt: paired + 10_000});
		expect(isNewerPair(pair('old-format-newer', {issuedAt: paired + 20_000}), held, new Set())).toBe(true);
		expect(isNewerPair(pair('old-format-older', {issuedAt: paired + 5000}), held, new Set())).toBe(false);
	});
});
