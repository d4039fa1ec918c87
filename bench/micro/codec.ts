import {Buffer} from 'node:buffer';
import {createRedactor} from '../../source/core/token/redact.js';
import {unknownStatus} from '../../source/core/derive-status.js';
import type {MonitorEvent} from '../../source/core/monitor-events.js';
import {decodeMessage, encodeMessage} from '../../source/core/socket/phoenix-codec.js';
import {initialSocketSnapshot} from '../../source/core/socket/socket-types.js';
import type {TrafficEntry} from '../../source/core/socket/traffic.js';
import {formatEvent} from '../../source/output/ndjson/ndjson-format.js';
import type {PhoenixMessage} from '../../source/protocol/phoenix-message.js';
import {consume, figure, line, throughput, type Figure} from './measure.js';

/*
The hot path of every inbound frame (decode, and encode for every outbound one) and of every NDJSON
line (format, stringify, redact), on frames shaped like the ones a device socket really carries.
*/

const deviceId = 'a7e95254-8cd6-4d59-b54d-28c58570a8de';
const topic = `devices:${deviceId}`;
const token = `fio-u-${'Zx9Q'.repeat(16)}`;
const refreshToken = `fio-r-${'k3Lm'.repeat(12)}`;
const at = Date.parse('2026-11-27T10:00:00.000Z');

/** A frame of at least 10 KiB: a batch of upload records pushed on the device topic. */
function largeFrame(): string {
	const files: Array<Record<string, unknown>> = [];
	let text = '';
	for (let index = 0; Buffer.byteLength(text) < 10 * 1024; index++) {
		files.push({id: `f-${String(index).padStart(5, '0')}`, name: `A001C${String(index).padStart(3, '0')}_261127_R1AB.mov`, size: 1_234_567 + index, uploaded: index % 3 !== 0});
		text = JSON.stringify({topic, event: 'upload_batch', payload: {files}, ref: null});
	}

	return text;
}

type Case = {readonly label: string; readonly text: string};

function frames(): Case[] {
	return [
		{label: 'heartbeat reply', text: JSON.stringify({topic: 'phoenix', event: 'phx_reply', payload: {status: 'ok', response: {}}, ref: '1234'})},
		{label: 'status_updated', text: JSON.stringify({topic, event: 'status_updated', payload: 'paused', ref: null})},
		{label: '10 KiB payload', text: largeFrame()},
	];
}

function decoded(text: string): PhoenixMessage {
	const result = decodeMessage(text, Buffer.byteLength(text));
	if (!result.ok) {
		throw new Error(`bench frame does not decode: ${result.detail}`);
	}

	return result.message;
}

function frameEvent(message: PhoenixMessage, bytes: number, seq: number): MonitorEvent {
	const entry: TrafficEntry = {
		kind: 'frame', seq, at, direction: 'in', bytes, connection: 1, topic: message.topic, event: message.event, ref: message.ref, payload: message.payload,
		...(message.event === 'phx_reply' ? {reply: {status: 'ok', requestEvent: 'heartbeat', requestTopic: 'phoenix', requestSeq: seq - 1, latencyMs: 12}} : {}),
	};
	return {type: 'frame', at, entry};
}

export async function run(): Promise<Figure[]> {
	const figures: Figure[] = [];
	const cases = frames();
	for (const {label, text} of cases) {
		const bytes = Buffer.byteLength(text);
		const decodeRate = throughput(() => {
			const result = decodeMessage(text, bytes);
			consume(result.ok ? 1 : 0);
		});
		figures.push(figure(`decode ${label} (${bytes} B)`, decodeRate.opsPerSecond, 'frames/s'));
		const message = decoded(text);
		const encodeRate = throughput(() => {
			consume(encodeMessage(message).length);
		});
		figures.push(figure(`encode ${label} (${bytes} B)`, encodeRate.opsPerSecond, 'frames/s'));
	}

	// As writeNdjson does it: formatEvent, JSON.stringify, then the monitor's redactor over the line.
	const redact = createRedactor(() => [token, refreshToken]);
	const socketEvent: MonitorEvent = {
		type: 'socket', at,
		socket: {...initialSocketSnapshot('wss://api.frame.io/devices/websocket'), state: 'joined', topic, connections: 1, attempt: 1, openedAt: at},
	};
	const lines: Array<{readonly label: string; readonly event: MonitorEvent}> = [
		...cases.map(({label, text}, index) => ({label: `frame ${label}`, event: frameEvent(decoded(text), Buffer.byteLength(text), index + 2)})),
		{label: 'socket joined', event: socketEvent},
		{label: 'status', event: {type: 'status', at, status: unknownStatus}},
	];
	for (const {label, event} of lines) {
		const rate = throughput(() => {
			const formatted = formatEvent(event);
			consume(formatted ? `${redact(JSON.stringify(formatted))}\n`.length : 0);
		});
		figures.push(figure(`ndjson ${label}`, rate.opsPerSecond, 'lines/s'));
	}

	line('(each rate: 100 ms warm-up, then 500 ms measured; 2 secrets redacted per line)');
	return figures;
}
