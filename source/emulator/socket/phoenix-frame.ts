import {Buffer} from 'node:buffer';
import type {RawData} from 'ws';
import {isRecord} from '../../core/utils/is-record.js';
import type {PhoenixMessage, PhoenixRef, ReplyStatus} from '../../protocol/phoenix-message.js';

/**
The emulator's own V1 codec (deliberately not shared with the monitor's). Decoding is strict the
way Phoenix's `Message.from_map!` is: a JSON object with all four keys present.
*/
export type DecodedFrame =
	| {readonly kind: 'message'; readonly message: PhoenixMessage}
	| {
		readonly kind: 'malformed';
		readonly reason: string;
		/** What could be recovered for an error reply; both undefined means no reply is possible. */
		readonly topic?: string;
		readonly ref?: PhoenixRef;
	};

const requiredKeys = ['topic', 'event', 'payload', 'ref'] as const;

export function rawToBuffer(data: RawData): Buffer {
	if (Buffer.isBuffer(data)) {
		return data;
	}

	return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

export function decodeFrame(data: RawData, isBinary: boolean): DecodedFrame {
	const text = rawToBuffer(data).toString('utf8');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {kind: 'malformed', reason: isBinary ? 'binary frames are not supported' : 'invalid JSON'};
	}

	if (isBinary) {
		return malformed('binary frames are not supported', value);
	}

	if (!isRecord(value)) {
		return malformed(Array.isArray(value) ? 'expected a JSON object, got an array' : 'expected a JSON object', value);
	}

	for (const key of requiredKeys) {
		if (!(key in value)) {
			return malformed(`missing key "${key}"`, value);
		}
	}

	const {topic, event, payload, ref} = value;
	if (typeof topic !== 'string') {
		return malformed('"topic" must be a string', value);
	}

	if (typeof event !== 'string') {
		return malformed('"event" must be a string', value);
	}

	if (!isRef(ref)) {
		return malformed('"ref" must be a string, a number or null', value);
	}

	return {kind: 'message', message: {topic, event, payload, ref}};
}

/** Recovers topic and ref from an object, or from a V2 array `[join_ref, ref, topic, event, payload]`. */
function malformed(reason: string, value: unknown): DecodedFrame {
	let topic: unknown;
	let ref: unknown;
	if (isRecord(value)) {
		topic = value.topic;
		ref = value.ref;
	} else if (Array.isArray(value) && value.length === 5) {
		topic = value[2];
		ref = value[1];
	}

	return {
		kind: 'malformed',
		reason,
		...(typeof topic === 'string' ? {topic} : {}),
		...(isRef(ref) && ref !== null ? {ref} : {}),
	};
}

function isRef(value: unknown): value is PhoenixRef {
	return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Keys in sorted order, as Frame.io's (Jason-encoded) examples show them. */
export function encodeMessage(message: PhoenixMessage): string {
	return JSON.stringify({event: message.event, payload: message.payload, ref: message.ref, topic: message.topic});
}

export function encodeReply(topic: string, ref: PhoenixRef, status: ReplyStatus, response: unknown): string {
	return encodeMessage({topic, event: 'phx_reply', payload: {response, status}, ref});
}
