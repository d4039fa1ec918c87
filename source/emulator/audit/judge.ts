import {auditLimits, deviceKey, type AuditLog, type ClientLog, type CodeWatch} from './audit-log.js';
import {heartbeatMaxGapMs, ruleIds} from './audit-rules.js';
import type {AuditReport, ClientVerdicts, RuleVerdict} from './audit-report.js';
import {describeRule, type RowFacts} from './describe-rules.js';
import {formatAt, formatSeconds} from './evidence-text.js';
import {countOverdue, findOverdue, overdueRule, type Overdue} from './overdue.js';
import {keepExtreme, mergeTallies} from './tally.js';

/** One line of the report: a device with the peers that acted for it, or a peer that showed no device's token. */
export type AuditRow = {
	readonly key: string;
	readonly deviceId: string | null;
	readonly label: string;
	readonly clients: readonly ClientLog[];
	readonly codes: readonly CodeWatch[];
};

function label(deviceId: string | null, clients: readonly ClientLog[]): string {
	const agents = [...new Set(clients.flatMap(client => client.userAgents))].slice(0, auditLimits.userAgents);
	const agent = agents.length === 0 ? 'no user agent' : agents.join(', ');
	return deviceId === null ? `${clients[0]?.address ?? 'unknown address'} (${agent}), no device's token` : `${deviceId} (${agent})`;
}

/**
The report's rows, in the order the clients were first seen. A peer that used a device's token is
part of that device's row (its requests without a token, /health say, count for the device); one that
never did has a row of its own. A device code counts for the device it was approved for, otherwise
for the client that asked for it.
*/
export function auditRows(log: AuditLog): AuditRow[] {
	const rows = new Map<string, {deviceId: string | null; clients: ClientLog[]; codes: CodeWatch[]}>();
	for (const client of log.clients.values()) {
		if (client.deviceId !== null || !log.links.has(client.key)) {
			rows.set(client.key, {deviceId: client.deviceId, clients: [client], codes: []});
		}
	}

	const rowsOfPeer = (key: string) => [...log.links.get(key) ?? []].map(deviceId => rows.get(deviceKey(deviceId)));
	for (const [key, deviceIds] of log.links) {
		const peer = log.clients.get(key);
		for (const deviceId of deviceIds) {
			if (peer) {
				rows.get(deviceKey(deviceId))?.clients.push(peer);
			}
		}
	}

	for (const code of log.codes.values()) {
		const owners = code.deviceId === null
			? (log.links.has(code.peerKey) ? rowsOfPeer(code.peerKey) : [rows.get(code.peerKey)])
			: [rows.get(deviceKey(code.deviceId))];
		for (const owner of owners) {
			owner?.codes.push(code);
		}
	}

	return [...rows].map(([key, row]) => ({key, deviceId: row.deviceId, label: label(row.deviceId, row.clients), clients: row.clients, codes: row.codes}));
}

function facts(log: AuditLog, row: AuditRow, keys: ReadonlySet<string>, overdue: readonly Overdue[]): RowFacts {
	const sum = (pick: (client: ClientLog) => number) => row.clients.reduce((total, client) => total + pick(client), 0);
	const overdueCloses = new Set(overdue.flatMap(item => item.kind === 'rejoin' ? [item.close] : []));
	const overdueAwaited = new Set(overdue.flatMap(item => item.kind === 'identity' ? [item.awaitedKey] : []));
	return {
		deviceId: row.deviceId,
		misdirectedHeartbeats: sum(client => client.misdirectedHeartbeats),
		joinedSockets: sum(client => client.joinedSockets),
		pendingCloses: log.pendingCloses.filter(close => keys.has(close.clientKey) && !overdueCloses.has(close)).length,
		awaitedIdentity: [...log.awaitedIdentity].filter(([key, awaited]) => keys.has(awaited.clientKey) && !overdueAwaited.has(key)).length,
		deviceCodes: row.codes.length,
	};
}

/** One row's verdicts at `now`, counting what is overdue at `now` (`overdue`, from `findOverdue`). */
export function judgeRow(log: AuditLog, row: AuditRow, now: number, overdue: readonly Overdue[]): ClientVerdicts {
	const keys = new Set(row.clients.map(client => client.key));
	const mine = overdue.filter(item => keys.has(item.clientKey));
	const rowFacts = facts(log, row, keys, mine);
	const rules = ruleIds.map((rule): RuleVerdict => {
		const tally = mergeTallies(rule, [
			...row.clients.map(client => client.tallies[rule]),
			...(rule === 'pairing-poll' ? row.codes.map(code => code.tally) : []),
		]);
		for (const item of mine) {
			if (overdueRule[item.kind] === rule) {
				countOverdue(tally, item);
			}
		}

		if (rule === 'heartbeat' && row.deviceId !== null) {
			for (const socket of log.sockets.values()) {
				const gap = socket.lastBeatAt === null ? 0 : now - socket.lastBeatAt;
				if (socket.deviceId === row.deviceId && socket.closedAt === null && gap >= heartbeatMaxGapMs) {
					keepExtreme(rule, tally, {value: gap, at: now, text: `socket #${socket.id}: ${formatSeconds(gap)} without a heartbeat so far`});
				}
			}
		}

		const judged = describeRule(rule, tally, rowFacts);
		return {rule, verdict: judged.verdict, evidence: judged.evidence, firstAt: judged.firstAt === null ? null : formatAt(judged.firstAt)};
	});
	return {client: row.label, deviceId: row.deviceId, rules};
}

/** Every client's verdict on every rule at `now`: a pure function of the log. */
export function judgeAudit(log: AuditLog, now: number): AuditReport {
	const overdue = findOverdue(log, now);
	return {clients: auditRows(log).map(row => judgeRow(log, row, now, overdue))};
}
