import type {PhoenixRef} from '../../protocol/phoenix-message.js';
import type {DecodedFrame, PairedRequest, TrafficEntry} from '../socket/traffic.js';
import {number, text, type RecordedLine} from './recorded-line.js';

type Fields = Readonly<Record<string, unknown>>;
type Requests = Map<string, {readonly seq: number; readonly topic: string}>;

/**
The traffic log of a recording: one entry per `frame` line, in order, numbered as the live log numbers
them, each reply paired to its request by ref on the same connection (the line says what it replied
to and how long it took; the request's own number is found here). A malformed frame's text is not in
the line: it shows as empty.
*/
export function recordedTraffic(lines: readonly RecordedLine[]): TrafficEntry[] {
	const entries: TrafficEntry[] = [];
	const requests: Requests = new Map();
	let connection = 0;
	for (const line of lines) {
		if (line.type === 'socket' && text(line.fields, 'state') === 'connecting') {
			connection++;
		} else if (line.type === 'frame') {
			entries.push(entryOf(line, entries.length + 1, connection, requests));
		}
	}

	return entries;
}

function entryOf({fields, at}: RecordedLine, seq: number, connection: number, requests: Requests): TrafficEntry {
	const bytes = number(fields, 'bytes') ?? 0;
	const error = text(fields, 'error');
	const topic = text(fields, 'topic');
	const event = text(fields, 'event');
	if (error !== null || topic === null || event === null) {
		return {kind: 'malformed', seq, at, direction: 'in', bytes, connection, error: error ?? 'malformed', text: ''};
	}

	const direction = text(fields, 'direction') === 'out' ? 'out' : 'in';
	const ref = refOf(fields.ref);
	const key = `${connection}:${String(ref)}`;
	if (direction === 'out' && ref !== null) {
		requests.set(key, {seq, topic});
	}

	const entry: DecodedFrame = {kind: 'frame', seq, at, direction, bytes, connection, topic, event, ref, payload: fields.payload ?? null};
	const reply = direction === 'in' ? replyOf(fields, topic, requests.get(key)) : undefined;
	return reply ? {...entry, reply} : entry;
}

function replyOf(fields: Fields, topic: string, request: {readonly seq: number; readonly topic: string} | undefined): PairedRequest | undefined {
	const replyTo = text(fields, 'replyTo');
	if (replyTo === null) {
		return undefined;
	}

	const status = text(fields, 'replyStatus');
	return {
		status: status === 'ok' || status === 'error' ? status : null,
		requestEvent: replyTo,
		requestTopic: request?.topic ?? topic,
		requestSeq: request?.seq ?? 0,
		latencyMs: number(fields, 'rttMs') ?? 0,
	};
}

function refOf(value: unknown): PhoenixRef {
	return typeof value === 'string' || typeof value === 'number' ? value : null;
}
