import type {DecodedFrame} from '../../../core/socket/traffic.js';
import type {Redactor} from '../../../core/token/redact.js';
import {sanitize} from '../../../text/sanitize.js';
import {frameLineText} from './traffic-text.js';

/**
Code units of each string kept for a log line: more than the widest terminal line shows (see
lookedAt in format/text-width.ts), whatever the characters.
*/
export const lineWindow = 4096;

/** What a frame's log line shows, each part ready to be cut to the screen's width. */
export type LineOnScreen = {
	readonly topic: string;
	readonly event: string;
	/** "#3", or '' for none. */
	readonly ref: string;
	/** For a paired reply: "ok 12 ms (phx_join)"; else ''. */
	readonly reply: string;
	/** The start of the payload the line shows, as one line of JSON; '' for none. */
	readonly payload: string;
};

const lines = new WeakMap<DecodedFrame, {readonly redact: Redactor; readonly line: LineOnScreen}>();

/**
A frame's log line, as drawn: each string has its secrets taken out (whole, before any cut, so a cut
never leaves half a secret), is cut to its first `lineWindow` code units, then sanitized. Turning a
payload into JSON and taking the secrets out of it cost as much as the frame is large (a megabyte),
so they are done once per frame and remembered: what each draw does after that (measuring and cutting
to the line's width) is bounded by the window, not by the frame.
*/
export function lineOnScreen(entry: DecodedFrame, redact: Redactor): LineOnScreen {
	const known = lines.get(entry);
	if (known?.redact === redact) {
		return known.line;
	}

	const text = frameLineText(entry);
	const forScreen = (value: string) => sanitize(redact(value).slice(0, lineWindow));
	const line: LineOnScreen = {
		topic: forScreen(text.topic),
		event: forScreen(text.event),
		ref: text.ref,
		reply: forScreen(text.reply),
		payload: text.payload === undefined ? '' : forScreen(payloadJson(text.payload)),
	};
	lines.set(entry, {redact, line});
	return line;
}

function payloadJson(payload: unknown): string {
	try {
		return JSON.stringify(payload) ?? 'undefined';
	} catch {
		return '(unprintable payload)';
	}
}
