import {controlCharacters} from '../../text/control-characters.js';
import type {TokenWatch} from './audit-log.js';
import type {CloseKind} from './observation.js';

/**
How evidence writes times, durations and what a client sent. A client's strings (a user agent, a
header, a topic, a ref) are shown in quotes with every control, C1 and bidirectional character
escaped and cut to a length, so that nothing a device sends can steer a terminal or forge a line.
*/

/** An instant as ISO 8601 (UTC, milliseconds). */
export function formatAt(at: number): string {
	return new Date(at).toISOString();
}

/** A duration: in seconds with one decimal (`10.0 s`), or in milliseconds under a second (`200 ms`). */
export function formatSeconds(ms: number): string {
	return Math.abs(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `1 heartbeat`, `2 heartbeats`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : pluralForm}`;
}

function escapeUnsafe(text: string): string {
	return text.replaceAll(controlCharacters, character => String.raw`\u` + character.codePointAt(0)!.toString(16).padStart(4, '0'));
}

function cut(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A client's string without quotes: at most `max` characters (then `…`), escaped. */
export function cleanClientText(text: string, max = 80): string {
	return escapeUnsafe(cut(text, max));
}

/** A client's string as a JSON string (quotes and backslashes escaped too), cut and escaped as `cleanClientText` does. */
export function quoteClientText(text: string, max = 60): string {
	return escapeUnsafe(JSON.stringify(cut(text, max)));
}

/** A ref as the client sent it: a string in quotes, a number or null as JSON. */
export function formatRef(ref: string | number | null): string {
	return typeof ref === 'string' ? quoteClientText(ref, 40) : String(ref);
}

const sourceText = {
	pairing: 'from pairing',
	refresh: 'from a refresh',
	control: 'from the issue-token control',
	configured: 'configured',
} as const;

/** How evidence names an access token: by its number on the device, never by its value. */
export function tokenName(watch: TokenWatch | undefined): string {
	return watch ? `access token #${watch.index} (${sourceText[watch.source]})` : 'an access token';
}

/** How evidence names a close the emulator made. */
export const closeKindText: Readonly<Record<CloseKind, string>> = {
	drop: 'hard drop',
	1000: 'close 1000',
	4001: 'close 4001',
	idle: 'idle timeout',
	other: 'closed',
};
