import {
	auditLimits, deviceKey, emptyAuditLog, emptyClientLog, peerKey, type AuditLog, type ClientLog,
} from './audit-log.js';
import type {AuditBreach, AuditReport} from './audit-report.js';
import {ruleIds} from './audit-rules.js';
import {cleanClientText} from './evidence-text.js';
import {auditRows, judgeAudit, judgeRow} from './judge.js';
import type {Observation, Peer} from './observation.js';
import {countOverdue, findOverdue, nextDue, overdueRule} from './overdue.js';
import {
	recordHttp, recordPairingCode, recordPairingPoll, recordRefresh, recordTokenIssued,
} from './record-requests.js';
import {recordEmulatorClose, recordFrame, recordSocketClosed, recordUpgrade} from './record-socket.js';
import type {Recording} from './recording.js';

function noteUserAgent(client: ClientLog, userAgent: string | undefined): void {
	if (userAgent === undefined || userAgent === '') {
		return;
	}

	const agent = cleanClientText(userAgent, 60);
	if (!client.userAgents.includes(agent) && client.userAgents.length < auditLimits.userAgents) {
		client.userAgents.push(agent);
	}
}

/**
The audit's observation log. The emulator's hooks call `record` with what they see, in time order,
and a timer calls `tick` at `nextDue()` (time passing can break a rule: a silent socket, a missing
rejoin). Both answer the rules a client broke for the first time, one breach per client and rule, for
the emulator's log. Memory stays bounded (see `auditLimits`) however long a device stays on.
*/
export class AuditRecorder {
	readonly #log: AuditLog = emptyAuditLog();
	readonly #recording: Recording;
	/** Every peer key met (as a client or a link to a device), least recently used first: the first forgotten. */
	readonly #peers = new Set<string>();
	readonly #touched = new Set<string>();
	readonly #reported = new Set<string>();

	constructor() {
		this.#recording = {
			log: this.#log,
			device: (deviceId, peer) => this.#device(deviceId, peer),
			peer: peer => this.#peer(peer),
			client: (deviceId, peer) => deviceId === undefined ? this.#peer(peer) : this.#device(deviceId, peer),
		};
	}

	/** The log as recorded so far (for the judge; do not change it). */
	get log(): AuditLog {
		return this.#log;
	}

	record(observation: Observation): readonly AuditBreach[] {
		this.#touched.clear();
		this.#settle(observation.at);
		const recording = this.#recording;
		switch (observation.kind) {
			case 'http': {
				recordHttp(recording, observation);
				break;
			}

			case 'pairing-code': {
				recordPairingCode(recording, observation);
				break;
			}

			case 'pairing-poll': {
				recordPairingPoll(recording, observation);
				break;
			}

			case 'refresh': {
				recordRefresh(recording, observation);
				break;
			}

			case 'token-issued': {
				recordTokenIssued(recording, observation);
				break;
			}

			case 'upgrade': {
				recordUpgrade(recording, observation);
				break;
			}

			case 'frame': {
				recordFrame(recording, observation);
				break;
			}

			case 'emulator-close': {
				recordEmulatorClose(recording, observation);
				break;
			}

			case 'socket-closed': {
				recordSocketClosed(recording, observation);
				break;
			}
		}

		return this.#breaches(observation.at);
	}

	/** Time has passed to `now` with nothing observed. */
	tick(now: number): readonly AuditBreach[] {
		this.#touched.clear();
		this.#settle(now);
		return this.#breaches(now);
	}

	/** When `tick` should next be called, or undefined when nothing is waiting on time. */
	nextDue(): number | undefined {
		return nextDue(this.#log);
	}

	report(now: number): AuditReport {
		return judgeAudit(this.#log, now);
	}

	/** Turns everything overdue at `now` into offences, once each. */
	#settle(now: number): void {
		const log = this.#log;
		for (const item of findOverdue(log, now)) {
			const client = log.clients.get(item.clientKey);
			if (client) {
				countOverdue(client.tallies[overdueRule[item.kind]], item);
				this.#touched.add(client.key);
			}

			switch (item.kind) {
				case 'heartbeat': {
					const socket = log.sockets.get(item.socketId);
					if (socket) {
						socket.beatOverdue = true;
					}

					break;
				}

				case 'join': {
					const socket = log.sockets.get(item.socketId);
					if (socket) {
						socket.joinOverdue = true;
					}

					break;
				}

				case 'rejoin': {
					log.pendingCloses.splice(log.pendingCloses.indexOf(item.close), 1);
					break;
				}

				case 'identity': {
					log.awaitedIdentity.delete(item.awaitedKey);
					break;
				}
			}
		}
	}

	#breaches(now: number): AuditBreach[] {
		if (this.#touched.size === 0) {
			return [];
		}

		const breaches: AuditBreach[] = [];
		for (const row of auditRows(this.#log)) {
			if (!row.clients.some(client => this.#touched.has(client.key))) {
				continue;
			}

			// After settling, a rule is broken exactly when it has an offence: judge only for a new one.
			const offended = ruleIds.filter(rule => !this.#reported.has(`${row.key}\u0000${rule}`)
				&& (row.clients.some(client => client.tallies[rule].offences > 0)
					|| (rule === 'pairing-poll' && row.codes.some(code => code.tally.offences > 0))));
			if (offended.length === 0) {
				continue;
			}

			const verdicts = judgeRow(this.#log, row, now, []);
			for (const {rule, verdict, evidence, firstAt} of verdicts.rules) {
				const key = `${row.key}\u0000${rule}`;
				if (verdict === 'broken' && !this.#reported.has(key)) {
					this.#reported.add(key);
					breaches.push({client: row.label, deviceId: row.deviceId, rule, evidence, firstAt: firstAt ?? ''});
				}
			}
		}

		return breaches;
	}

	#device(deviceId: string, peer?: Peer): ClientLog {
		const log = this.#log;
		const key = deviceKey(deviceId);
		let client = log.clients.get(key);
		if (!client) {
			client = emptyClientLog(key, deviceId, null);
			log.clients.set(key, client);
		}

		this.#touched.add(key);
		if (peer) {
			noteUserAgent(client, peer.userAgent);
			const link = peerKey(peer.address, peer.userAgent);
			const devices = log.links.get(link) ?? new Set<string>();
			devices.add(deviceId);
			log.links.set(link, devices);
			this.#usedPeer(link);
			this.#touched.add(link);
		}

		return client;
	}

	#peer(peer: Peer): ClientLog {
		const log = this.#log;
		const key = peerKey(peer.address, peer.userAgent);
		let client = log.clients.get(key);
		if (!client) {
			client = emptyClientLog(key, null, cleanClientText(peer.address, 60));
			noteUserAgent(client, peer.userAgent);
			log.clients.set(key, client);
		}

		this.#usedPeer(key);
		this.#touched.add(key);
		return client;
	}

	/** Marks a peer as the most recently used, and forgets the least recently used beyond the limit. */
	#usedPeer(key: string): void {
		this.#peers.delete(key);
		this.#peers.add(key);
		for (const key of this.#peers) {
			if (this.#peers.size <= auditLimits.peers) {
				return;
			}

			this.#peers.delete(key);
			this.#log.clients.delete(key);
			this.#log.links.delete(key);
			this.#log.forgotten.peers++;
		}
	}
}
