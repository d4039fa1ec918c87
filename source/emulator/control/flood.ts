import {Buffer} from 'node:buffer';
import {performance} from 'node:perf_hooks';
import {deviceTopic} from '../../protocol/phoenix-message.js';
import type {DeviceRegistry} from '../device-registry.js';
import {ControlError} from '../http/http-types.js';
import type {SocketServer} from '../socket/socket-server.js';
import type {FloodOptions, FloodResult, FloodSocketResult, FloodAfterwards} from '../types.js';

/*
The flood control: `count` pushes of an unknown event on a device's topic, to every socket that has
joined it, as fast as each socket's backpressure allows. Frames are made one at a time as the socket
drains, so a flood of millions holds at most about `floodHighWaterBytes` per socket in memory.
*/

export const defaultFloodCount = 100_000;
export const defaultFloodPayloadBytes = 60;
export const defaultFloodEvent = 'flood';
export const defaultFloodAfterwards: FloodAfterwards = 'pause';
export const maxFloodCount = 10_000_000;
export const maxFloodPayloadBytes = 2 * 1024 * 1024;
const maxFloodEventLength = 100;
const floodAfterwardsValues: readonly FloodAfterwards[] = ['pause', 'resume', 'none'];

/**
How many bytes may wait in a socket's own buffer (ws's `bufferedAmount`) before the flood waits for
them to be written to the kernel; the kernel's socket buffer holds more beyond that.
*/
export const floodHighWaterBytes = 256 * 1024;

/** A flood's options with every default filled in. */
export type FloodPlan = {
	readonly count: number;
	readonly payloadBytes: number;
	readonly event: string;
	readonly afterwards: FloodAfterwards;
	readonly batch: boolean;
	readonly deviceId: string | undefined;
};

const bodyKeys = ['count', 'payloadBytes', 'event', 'afterwards', 'batch', 'device'] as const;

function integerIn(value: unknown, name: string, min: number, max: number): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new ControlError(400, `${name} must be a whole number from ${min} to ${max}`);
	}

	return value;
}

/** Checks a flood's options (in-process or from HTTP) and fills in the defaults; a bad one is a ControlError 400. */
export function floodPlan(options: FloodOptions = {}): FloodPlan {
	const count = integerIn(options.count, 'count', 1, maxFloodCount) ?? defaultFloodCount;
	const payloadBytes = integerIn(options.payloadBytes, 'payloadBytes', 0, maxFloodPayloadBytes) ?? defaultFloodPayloadBytes;
	const event = options.event ?? defaultFloodEvent;
	if (typeof event !== 'string' || event === '' || event.length > maxFloodEventLength) {
		throw new ControlError(400, `event must be a non-empty string of at most ${maxFloodEventLength} characters`);
	}

	const afterwards = options.afterwards ?? defaultFloodAfterwards;
	if (!floodAfterwardsValues.includes(afterwards)) {
		throw new ControlError(400, `afterwards must be one of ${floodAfterwardsValues.map(value => `"${value}"`).join(', ')}`);
	}

	if (options.deviceId !== undefined && typeof options.deviceId !== 'string') {
		throw new ControlError(400, 'device must be a string');
	}

	const batch = options.batch ?? true;
	if (typeof batch !== 'boolean') {
		throw new ControlError(400, 'batch must be true or false');
	}

	return {count, payloadBytes, event, afterwards, batch, deviceId: options.deviceId};
}

/** `POST /_emulator/flood`'s body (already a JSON object; `device` from the body or the query). */
export function floodOptionsFromBody(body: Readonly<Record<string, unknown>>, device: string | undefined): FloodOptions {
	const unknown = Object.keys(body).filter(key => !(bodyKeys as readonly string[]).includes(key));
	if (unknown.length > 0) {
		throw new ControlError(400, `unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map(key => JSON.stringify(key)).join(', ')}; a flood takes ${bodyKeys.join(', ')}`);
	}

	if (body.event !== undefined && typeof body.event !== 'string') {
		throw new ControlError(400, `event must be a non-empty string of at most ${maxFloodEventLength} characters`);
	}

	if (body.afterwards !== undefined && (typeof body.afterwards !== 'string' || !(floodAfterwardsValues as readonly string[]).includes(body.afterwards))) {
		throw new ControlError(400, `afterwards must be one of ${floodAfterwardsValues.map(value => `"${value}"`).join(', ')}`);
	}

	return {
		...(body.count === undefined ? {} : {count: body.count as number}),
		...(body.payloadBytes === undefined ? {} : {payloadBytes: body.payloadBytes as number}),
		...(body.event === undefined ? {} : {event: body.event}),
		...(body.afterwards === undefined ? {} : {afterwards: body.afterwards as FloodAfterwards}),
		...(body.batch === undefined ? {} : {batch: body.batch as boolean}),
		...(device === undefined ? {} : {deviceId: device}),
	};
}

/**
The text of each frame, as the emulator's V1 codec encodes a push (keys sorted: event, payload, ref,
topic). The payload is `{"seq":<n>,"pad":"xx…"}`, padded so its JSON is `payloadBytes` long (never
shorter than with an empty pad).
*/
export function floodFrames(topic: string, event: string, payloadBytes: number): (seq: number) => string {
	const head = `{"event":${JSON.stringify(event)},"payload":{"seq":`;
	const tail = `"},"ref":null,"topic":${JSON.stringify(topic)}}`;
	// `{"seq":` + digits + `,"pad":"` + pad + `"}`
	const fixed = 17;
	const pads = new Map<number, string>();
	return seq => {
		const digits = String(seq);
		const padLength = Math.max(0, payloadBytes - fixed - digits.length);
		let pad = pads.get(padLength);
		if (pad === undefined) {
			pad = 'x'.repeat(padLength);
			pads.set(padLength, pad);
		}

		return `${head}${digits},"pad":"${pad}${tail}`;
	};
}

/** What the flood needs of a connection (PhoenixConnection has it). */
export type FloodTarget = {
	readonly id: number;
	/** Bytes accepted but not yet written to the socket. */
	readonly bufferedAmount: number;
	/** Sends text; `written` is called once it has been written (or with an error); false when nothing could be sent. */
	sendRaw(data: string, written?: (error?: Error) => void): boolean;
	/** Calls `listener` once the socket has closed (at once if it has); returns a function that removes it. */
	onClosed(listener: () => void): () => void;
	/** Hold writes back until uncork(), so a batch goes out in one write (optional). */
	cork?(): void;
	uncork?(): void;
};

/**
Sends frames 0 … count-1 to one socket: fills its buffer up to `highWater` bytes (corked when `batch`,
so the batch goes out in one write; else each frame is written as it is sent), waits until the last
frame of that batch has been written, and goes on. Resolves once the last frame has been written, or
as soon as the socket closes or a send fails (with how many frames were sent). Sets no timer.
*/
export async function floodSocket(target: FloodTarget, frame: (seq: number) => string, count: number, options: {highWater?: number; batch?: boolean} = {}): Promise<FloodSocketResult> {
	const highWater = options.highWater ?? floodHighWaterBytes;
	const batch = options.batch ?? true;
	return new Promise(resolve => {
		let next = 0;
		let done = false;
		const finish = (complete: boolean) => {
			if (done) {
				return;
			}

			done = true;
			removeCloseListener();
			resolve({id: target.id, sent: next, complete});
		};

		const removeCloseListener = target.onClosed(() => {
			finish(false);
		});

		const written = (error?: Error) => {
			if (error) {
				finish(false);
			} else if (next >= count) {
				finish(true);
			} else {
				fill();
			}
		};

		function fill(): void {
			if (batch) {
				target.cork?.();
			}

			try {
				send();
			} finally {
				if (batch) {
					target.uncork?.();
				}
			}
		}

		function send(): void {
			while (next < count) {
				const text = frame(next);
				// The batch's last frame: the buffer would pass the high-water mark, or the flood ends.
				const last = next === count - 1 || target.bufferedAmount + text.length >= highWater;
				const seq = next++;
				if (!target.sendRaw(text, last ? written : undefined)) {
					next = seq;
					finish(false);
					return;
				}

				if (last) {
					return;
				}
			}
		}

		if (count <= 0) {
			finish(true);
			return;
		}

		fill();
	});
}

export type FloodParts = {
	readonly registry: DeviceRegistry;
	readonly sockets: SocketServer;
	readonly log: (line: string) => void;
	/** The pause/resume path of the control API; returns how many sockets got the status_updated. */
	readonly setPaused: (paused: boolean, deviceId: string) => number;
};

/** `control.flood`: one flood at a time, to every socket joined to the device's topic when it starts. */
export function createFlood(parts: FloodParts): (options?: FloodOptions) => Promise<FloodResult> {
	const {registry, sockets, log, setPaused} = parts;
	let running = false;
	return async options => {
		const plan = floodPlan(options);
		const device = registry.get(plan.deviceId);
		if (running) {
			throw new ControlError(409, 'a flood is already running; wait for its answer');
		}

		if ((plan.afterwards === 'pause' && device.paused) || (plan.afterwards === 'resume' && !device.paused)) {
			throw new ControlError(409, `device ${device.id} is already ${device.paused ? 'paused' : 'not paused'}, so "afterwards": "${plan.afterwards}" would send nothing: `
				+ `${device.paused ? 'resume' : 'pause'} it first, or give "afterwards": "none"`);
		}

		const topic = deviceTopic(device.id);
		const targets = sockets.joinedConnections(device.id);
		if (targets.length === 0) {
			throw new ControlError(409, `no socket has joined ${topic}: nothing to flood`);
		}

		const frame = floodFrames(topic, plan.event, plan.payloadBytes);
		const frameBytes = Buffer.byteLength(frame(0));
		running = true;
		const receivers = `${targets.length} socket${targets.length === 1 ? '' : 's'}`;
		log(`flood: ${plan.count} "${plan.event}" frames of ${frameBytes} bytes${plan.batch ? ', batched,' : ', one write each,'} to ${receivers} on ${topic}, then ${plan.afterwards}`);
		const start = performance.now();
		let results: FloodSocketResult[];
		try {
			results = await Promise.all(targets.map(async target => floodSocket(target, frame, plan.count, {batch: plan.batch})));
		} finally {
			running = false;
		}

		const ms = performance.now() - start;
		const sent = results.reduce((sum, result) => sum + result.sent, 0);
		const complete = results.filter(result => result.complete).length;
		log(`flood: ${sent} frames sent in ${Math.round(ms)} ms; ${complete} of ${results.length} socket${results.length === 1 ? '' : 's'} got every frame`);
		const statusSent = plan.afterwards === 'none' ? 0 : setPaused(plan.afterwards === 'pause', device.id);
		const {count, payloadBytes, event, afterwards, batch} = plan;
		return {device: device.id, topic, event, count, payloadBytes, frameBytes, sockets: results, sent, ms, afterwards, batch, statusSent};
	};
}
