import {type Buffer} from 'node:buffer';
import {isRecord} from '../utils/is-record.js';
import {maxFrameBytes, type PhoenixMessage, type PhoenixRef, type ReplyPayload} from '../../protocol/phoenix-message.js';

export type ProtocolErrorKind = 'oversized' | 'binary' | 'not-json' | 'not-object' | 'missing-key' | 'wrong-type' | 'too-deep';

/** Deeper payloads are refused: printing them (JSON.stringify, String) would overflow the stack. */
export const maxPayloadDepth = 64;

export type DecodeResult =
	| {readonly ok: true; readonly message: PhoenixMessage}
	| {readonly ok: false; readonly kind: ProtocolErrorKind; readonly detail: string};

/** One frame, as the device socket sends it: a single line of JSON. */
export function encodeMessage(message: PhoenixMessage): string {
	return JSON.stringify({topic: message.topic, event: message.event, payload: message.payload, ref: message.ref});
}

/** Decodes a websocket message as it arrives: binary frames and frames over 1 MiB are errors, unread. */
export function decodeFrame(data: Buffer, isBinary: boolean): DecodeResult {
	if (isBinary) {
		return {ok: false, kind: 'binary', detail: 'binary frame (the device socket speaks JSON text)'};
	}

	return decodeMessage(data.byteLength > maxFrameBytes ? '' : data.toString('utf8'), data.byteLength);
}

/**
Validates an inbound V1 frame. `topic`, `event` and `payload` must be present; `ref` may be missing,
because the server sets no ref on the events it pushes and the guide's own example of one omits it.
*/
export function decodeMessage(text: string, bytes: number): DecodeResult {
	if (bytes > maxFrameBytes) {
		return {ok: false, kind: 'oversized', detail: `frame of ${bytes} bytes is over the ${maxFrameBytes}-byte limit`};
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {ok: false, kind: 'not-json', detail: 'frame is not JSON'};
	}

	if (!isRecord(value)) {
		return {ok: false, kind: 'not-object', detail: `frame is ${Array.isArray(value) ? 'an array' : describe(value)}, not a JSON object`};
	}

	const record = value;
	for (const key of ['topic', 'event', 'payload']) {
		if (!Object.hasOwn(record, key)) {
			return {ok: false, kind: 'missing-key', detail: `frame has no "${key}"`};
		}
	}

	const {topic, event, payload} = record;
	const ref = record.ref ?? null;
	if (typeof topic !== 'string') {
		return {ok: false, kind: 'wrong-type', detail: `"topic" is ${describe(topic)}, not a string`};
	}

	if (typeof event !== 'string') {
		return {ok: false, kind: 'wrong-type', detail: `"event" is ${describe(event)}, not a string`};
	}

	if (!isRef(ref)) {
		return {ok: false, kind: 'wrong-type', detail: `"ref" is ${describe(ref)}, not a string, number or null`};
	}

	if (deeperThan(payload, maxPayloadDepth)) {
		return {ok: false, kind: 'too-deep', detail: `"payload" is nested deeper than ${maxPayloadDepth} levels`};
	}

	return {ok: true, message: {topic, event, payload, ref}};
}

/** A `phx_reply` payload, or undefined when the payload does not have that shape. */
export function readReply(payload: unknown): ReplyPayload | undefined {
	if (!isRecord(payload)) {
		return undefined;
	}

	const {status, response} = payload;
	if (status !== 'ok' && status !== 'error') {
		return undefined;
	}

	return {status, response: response ?? null};
}

/** The `reason` of an error reply or `phx_error` payload, when it has one. */
export function readReason(payload: unknown): string | undefined {
	if (!isRecord(payload)) {
		return undefined;
	}

	const inner = payload.response;
	const reason = payload.reason ?? (isRecord(inner) ? inner.reason : undefined);
	return typeof reason === 'string' ? reason : undefined;
}

/** Walks the value without recursion, so any depth can be measured; only objects and arrays are visited. */
function deeperThan(value: unknown, limit: number): boolean {
	if (typeof value !== 'object' || value === null) {
		return false;
	}

	const stack: Array<[object, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (depth >= limit) {
			return true;
		}

		const children: unknown[] = Array.isArray(current) ? current as unknown[] : Object.values(current);
		for (const child of children) {
			if (typeof child === 'object' && child !== null) {
				stack.push([child, depth + 1]);
			}
		}
	}

	return false;
}

function isRef(value: unknown): value is PhoenixRef {
	return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function describe(value: unknown): string {
	if (value === null) {
		return 'null';
	}

	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
