import {type Buffer} from 'node:buffer';
import type {IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer, type WebSocket} from 'ws';
import {deviceTopic, deviceTopicPrefix, maxFrameBytes, statusUpdatedEvent, type StatusUpdate} from '../../protocol/phoenix-message.js';
import {describeError} from '../../core/utils/describe-error.js';
import type {DeviceRegistry} from '../device-registry.js';
import type {EmulatedDevice} from '../emulated-device.js';
import type {FaultState} from '../control/faults.js';
import type {TimerGroup} from '../timer-group.js';
import type {TokenIssuer} from '../auth/token-issuer.js';
import type {ConnectionState} from '../types.js';
import {PhoenixConnection, type ConnectionHooks} from './phoenix-connection.js';
import {malformedFrames} from './malformed-frames.js';
import {decideUpgrade, refuseUpgrade} from './upgrade-gate.js';

export type SocketServerOptions = {
	readonly registry: DeviceRegistry;
	readonly tokens: TokenIssuer;
	readonly faults: FaultState;
	readonly timers: TimerGroup;
	readonly idleTimeoutMs: number;
	readonly log: (line: string) => void;
};

/** The device socket endpoint: upgrade and authentication, and every open Phoenix connection. */
export class SocketServer {
	readonly #options: SocketServerOptions;
	readonly #wss = new WebSocketServer({noServer: true, maxPayload: maxFrameBytes});
	readonly #connections = new Set<PhoenixConnection>();
	readonly #upgrading = new Set<Duplex>();
	readonly #hooks: ConnectionHooks;
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
			},
			log: options.log,
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

	/** Closes the sockets (of one device when named): close 1000, or cut without a close frame. */
	drop(hard: boolean, deviceId?: string): number {
		let count = 0;
		for (const connection of this.#connections) {
			if (deviceId === undefined || connection.deviceId === deviceId) {
				if (hard) {
					connection.terminate();
				} else {
					connection.close(1000, 'dropped by emulator');
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

	#upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
		const decision = decideUpgrade(request, this.#options);
		switch (decision.kind) {
			case 'cut': {
				this.#options.log(`upgrade cut: ${decision.reason}`);
				socket.destroy();
				return;
			}

			case 'refuse': {
				if (decision.status === 403) {
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
					this.#accept(ws, decision.device, socket);
				});
			}
		}
	}

	#accept(ws: WebSocket, device: EmulatedDevice, socket: Duplex): void {
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
	}
}
