import {type Buffer} from 'node:buffer';
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import {deviceTopic, deviceTopicPrefix, maxFrameBytes, statusUpdatedEvent, type StatusUpdate} from '../../protocol/phoenix-message.js';
import {describeError} from '../../core/utils/describe-error.js';
import type {AuditSink} from '../audit/emulator-audit.js';
import {inspectFrame} from '../audit/frame-shape.js';
import type {CloseKind} from '../audit/observation.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {EmulatedDevice} from '../emulated-device.js';
import type {FaultState} from '../control/faults.js';
import type {TimerGroup} from '../timer-group.js';
import type {TokenIssuer} from '../auth/token-issuer.js';
import type {ConnectionState} from '../types.js';
import {PhoenixConnection, type ConnectionHooks} from './phoenix-connection.js';
import {malformedFrames} from './malformed-frames.js';
import {rawToBuffer} from './phoenix-frame.js';
import {decideUpgrade, refuseUpgrade, type UpgradeDecision} from './upgrade-gate.js';
import {upgradeObservation} from './upgrade-observation.js';

export type SocketServerOptions = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly faults: FaultState;
	readonly timers: TimerGroup;
	readonly idleTimeoutMs: number;
	readonly log: (line: string) => void;
	/** With `--audit`: upgrades, frames and closes are recorded. */
	readonly audit?: AuditSink | undefined;
};

/** How the audit names a close the drop control makes. */
function closeKindOf(hard: boolean, code: number): CloseKind {
	if (hard) {
		return 'drop';
	}

	return code === 1000 || code === 4001 ? `${code}` : 'other';
}

/** A socket joined its device's topic. */
export type JoinEvent = {readonly deviceId: string; readonly socketId: number};

/** The device socket endpoint: upgrade and authentication, and every open Phoenix connection. */
export class SocketServer {
	readonly #joinListeners = new Set<(join: JoinEvent) => void>();
	readonly #options: SocketServerOptions;
	readonly #wss = new WebSocketServer({noServer: true, maxPayload: maxFrameBytes});
	readonly #connections = new Set<PhoenixConnection>();
	readonly #upgrading = new Set<Duplex>();
	readonly #hooks: {-readonly [Key in keyof ConnectionHooks]: ConnectionHooks[Key]};
	#nextId = 1;
	#malformedReceived = 0;
	#upgradesRejected = 0;
	#upgradesRejectedUnknownToken = 0;

	constructor(options: SocketServerOptions) {
		this.#options = options;
		this.#wss.on('error', error => {
			options.log(`websocket server error: ${error.message}`);
		});
		this.#hooks = {
			onActivity: () => undefined,
			onMalformed: (connection, reason) => {
				this.#malformedReceived++;
				options.log(`socket #${connection.id} malformed frame: ${reason}`);
			},
			onClose: (connection, code, reason) => {
				this.#connections.delete(connection);
				options.registry.byId(connection.deviceId)?.socketClosed();
				options.log(`socket #${connection.id} closed (${code}${reason ? ` ${reason}` : ''})`);
				options.audit?.record({kind: 'socket-closed', at: options.timers.now(), socketId: connection.id, deviceId: connection.deviceId, code});
			},
			onJoined: connection => {
				for (const listener of this.#joinListeners) {
					listener({deviceId: connection.deviceId, socketId: connection.id});
				}
			},
			log: options.log,
		};
		const {audit} = options;
		if (audit) {
			this.#hooks.onFrame = (connection, data, isBinary) => {
				const shape = inspectFrame(rawToBuffer(data).toString('utf8'), isBinary);
				audit.record({kind: 'frame', at: options.timers.now(), socketId: connection.id, deviceId: connection.deviceId, shape});
			};

			this.#hooks.onEmulatorClose = (connection, kind) => {
				this.#closing(connection, kind);
			};
		}
	}

	/** Calls `listener` at every join of a device topic (the audit exercise starts at the first); returns a function that stops it. */
	onJoined(listener: (join: JoinEvent) => void): () => void {
		this.#joinListeners.add(listener);
		return () => {
			this.#joinListeners.delete(listener);
		};
	}

	get malformedReceived(): number {
		return this.#malformedReceived;
	}

	get upgradesRejected(): number {
		return this.#upgradesRejected;
	}

	/** The 403s for tokens no device knows (the rest count in their device's connectionsRejected). */
	get upgradesRejectedUnknownToken(): number {
		return this.#upgradesRejectedUnknownToken;
	}

	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		socket.on('error', error => {
			this.#options.log(`upgrade socket error: ${error.message}`);
		});
		this.#upgrading.add(socket);
		socket.once('close', () => this.#upgrading.delete(socket));
		try {
			this.#upgrade(request, socket, head);
		} catch (error) {
			this.#options.log(`upgrade failed: ${describeError(error)}`);
			socket.destroy();
		}
	}

	/** Sends status_updated to the device's joined sockets unless events are dropped; returns how many. */
	broadcastStatus(device: EmulatedDevice, update: StatusUpdate): number {
		if (this.#options.faults.current.dropEvents) {
			this.#options.log(`status_updated ${update} for device ${device.id} dropped (fault)`);
			return 0;
		}

		const topic = deviceTopic(device.id);
		let sent = 0;
		for (const connection of this.#connections) {
			if (connection.deviceId === device.id && connection.isJoined(topic) && connection.sendEvent(topic, statusUpdatedEvent, update)) {
				device.countStatusEvent();
				sent++;
			}
		}

		return sent;
	}

	/**
	Closes the sockets (of one device when named): with a close frame (1000 unless another code is given,
	4001 say), or cut without one when hard.
	*/
	drop(hard: boolean, deviceId?: string, code = 1000): number {
		let count = 0;
		for (const connection of this.#connections) {
			if (deviceId === undefined || connection.deviceId === deviceId) {
				this.#closing(connection, closeKindOf(hard, code));
				if (hard) {
					connection.terminate();
				} else {
					connection.close(code, 'dropped by emulator');
				}

				count++;
			}
		}

		return count;
	}

	sendMalformed(): number {
		for (const connection of this.#connections) {
			for (const frame of malformedFrames(deviceTopic(connection.deviceId))) {
				connection.sendRaw(frame.data);
			}
		}

		return this.#connections.size;
	}

	sendUnknownEvent(event: string): number {
		let sent = 0;
		for (const connection of this.#connections) {
			for (const topic of connection.joinedTopics) {
				if (topic.startsWith(deviceTopicPrefix) && connection.sendEvent(topic, event, {})) {
					sent++;
				}
			}
		}

		return sent;
	}

	/** The open sockets that have joined the device's topic (what the flood control sends to). */
	joinedConnections(deviceId: string): PhoenixConnection[] {
		const topic = deviceTopic(deviceId);
		return [...this.#connections].filter(connection => connection.deviceId === deviceId && connection.isJoined(topic));
	}

	states(): ConnectionState[] {
		return [...this.#connections].map(connection => connection.state());
	}

	/** Cuts every socket, upgraded or still upgrading. */
	close(): void {
		for (const connection of this.#connections) {
			connection.terminate();
		}

		for (const socket of this.#upgrading) {
			socket.destroy();
		}

		this.#wss.close();
	}

	/** The emulator begins to close a socket (not at shutdown): for the audit, a rejoin is now due. */
	#closing(connection: PhoenixConnection, closeKind: CloseKind): void {
		this.#options.audit?.record({kind: 'emulator-close', at: this.#options.timers.now(), socketId: connection.id, deviceId: connection.deviceId, closeKind});
	}

	/** Records an upgrade and what was made of it (accepted ones once the socket has its id). */
	#observeUpgrade(request: IncomingMessage, decision: UpgradeDecision, at: number, socketId?: number): void {
		this.#options.audit?.record(upgradeObservation({request, decision, at, faults: this.#options.faults.current, socketId}));
	}

	#upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		const at = this.#options.timers.now();
		const decision = decideUpgrade(request, this.#options);
		if (decision.kind !== 'accept') {
			this.#observeUpgrade(request, decision, at);
		}

		switch (decision.kind) {
			case 'cut': {
				this.#options.log(`upgrade cut: ${decision.reason}`);
				socket.destroy();
				return;
			}

			case 'refuse': {
				if (decision.status === 403 && decision.byFault !== true) {
					this.#upgradesRejected++;
					if (decision.device) {
						decision.device.countConnection(false);
					} else {
						this.#upgradesRejectedUnknownToken++;
					}
				}

				this.#options.log(`upgrade refused (${decision.status}): ${decision.reason}`);
				refuseUpgrade(socket, decision.status);
				return;
			}

			case 'accept': {
				this.#wss.handleUpgrade(request, socket, head, ws => {
					const id = this.#accept(ws, decision.device, socket);
					this.#observeUpgrade(request, decision, at, id);
				});
			}
		}
	}

	#accept(ws: WebSocket, device: EmulatedDevice, socket: Duplex): number {
		const {timers, faults, idleTimeoutMs, log} = this.#options;
		const id = this.#nextId++;
		const connection = new PhoenixConnection({
			id,
			ws,
			socket,
			deviceId: device.id,
			idleTimeoutMs,
			timers,
			faults: () => faults.current,
			hooks: {...this.#hooks, onActivity() {
				device.touch(timers.now());
			}},
		});
		this.#connections.add(connection);
		device.countConnection(true);
		device.socketOpened();
		device.touch(timers.now());
		log(`socket #${id} opened for device ${device.id}`);
		return id;
	}
}
