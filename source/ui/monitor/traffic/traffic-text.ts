import type {DecodedFrame, MalformedFrame, TrafficEntry} from '../../../core/socket/traffic.js';
import type {PhoenixRef} from '../../../protocol/phoenix-message.js';
import type {Redactor} from '../../../core/token/redact.js';
import {sanitize} from '../../../text/sanitize.js';
import {formatMs} from '../../format/format.js';

/**
What a traffic log line says about a frame, in one place: the line draws it, and the `/` filter
searches it, so a filter matches what is on screen (a payload's values, not its JSON keys).
*/
export type FrameLineText = {
	readonly topic: string;
	readonly event: string;
	/** The Phoenix ref as the log and the frame detail write it ("#3"), or '' for none. */
	readonly ref: string;
	/** The part of the payload the line shows: all of it, or a paired reply's response; undefined for none. */
	readonly payload: unknown;
	/** For a paired reply: "ok 12 ms (phx_join)". */
	readonly reply: string;
};

/** A Phoenix ref as the UI writes it everywhere. */
export function refLabel(ref: PhoenixRef): string {
	return ref === null ? '' : `#${ref}`;
}

export function frameLineText(entry: DecodedFrame): FrameLineText {
	const {reply} = entry;
	return {
		topic: entry.topic,
		event: entry.event,
		ref: refLabel(entry.ref),
		payload: reply?.status ? shownResponse(entry.payload) : entry.payload,
		reply: reply ? `${reply.status ?? '?'} ${formatMs(reply.latencyMs)} (${reply.requestEvent})` : '',
	};
}

/** What the line says about a frame that could not be decoded. */
export function malformedLineText(entry: MalformedFrame): string {
	return `malformed: ${entry.error} ${JSON.stringify(entry.text)}`;
}

/** Enough of a frame's text to search; a 1 MiB frame is not searched to its end. */
const maxSearchCharacters = 4000;
const searchTexts = new WeakMap<TrafficEntry, {readonly redact: Redactor; readonly text: string}>();

/**
What the `/` filter searches in a frame, lower-cased: the line's topic, event, ref and reply, and the
values (strings, numbers, booleans) of the payload it shows, not its keys, as far as the first
`maxSearchCharacters`. Each string has its secrets taken out whole before it is cut (so a secret
cannot be found by guessing it, nor half of one), then the text is sanitized, as the line is.
Remembered per frame (frames never change): the redaction of a large value is done once.
*/
export function searchText(entry: TrafficEntry, redact: Redactor): string {
	const known = searchTexts.get(entry);
	if (known?.redact === redact) {
		return known.text;
	}

	const parts = entry.kind === 'malformed' ? [malformedLineText(entry)] : searchParts(frameLineText(entry));
	const kept: string[] = [];
	let room = maxSearchCharacters;
	for (const part of parts) {
		if (room <= 0) {
			break;
		}

		const text = redact(part).slice(0, room);
		kept.push(text);
		room -= text.length + 1;
	}

	const text = sanitize(kept.join(' ')).toLowerCase();
	searchTexts.set(entry, {redact, text});
	return text;
}

function searchParts(line: FrameLineText): string[] {
	return [line.topic, line.event, line.ref, line.reply, ...payloadValues(line.payload)].filter(Boolean);
}

/** A reply's response, when it says something (an error's reason); an empty `{}` says nothing. */
function shownResponse(payload: unknown): unknown {
	const response = typeof payload === 'object' && payload !== null ? (payload as {response?: unknown}).response : undefined;
	const empty = response === undefined || response === null || (typeof response === 'object' && Object.keys(response).length === 0);
	return empty ? undefined : response;
}

/** The strings, numbers and booleans in a JSON value, depth first, without its keys: as many as the search looks at. */
function payloadValues(value: unknown): string[] {
	const values: string[] = [];
	let characters = 0;
	const full = () => characters > maxSearchCharacters;
	const visit = (node: unknown, depth: number) => {
		if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
			const text = String(node);
			values.push(text);
			characters += text.length + 1;
		} else if (depth < 32 && typeof node === 'object' && node !== null) {
			for (const item of Array.isArray(node) ? node : Object.values(node)) {
				if (full()) {
					return;
				}

				visit(item, depth + 1);
			}
		}
	};

	visit(value, 0);
	return values;
}
