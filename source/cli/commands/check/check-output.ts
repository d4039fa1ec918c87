import type {MonitorSnapshot} from '../../../core/monitor.js';
import {type Redactor, redactValue} from '../../../core/token/redact.js';
import {controlCharacters} from '../../../text/control-characters.js';
import type {CheckFindings} from './check-findings.js';
import type {CheckVerdict} from './check-verdict.js';

/**
The monitoring-plugin line: `C2C OK - joined devices:…, not paused, health 21 ms | health=21ms;;;0 join=35ms;;;0`.
Each datum is `label=value[unit];warn;crit;min`: no thresholds of ours, a minimum of 0.
*/
export function checkLine(result: CheckVerdict): string {
	const perf = result.perf.map(([label, value, unit]) => `${label}=${value}${unit};;;0`).join(' ');
	return `C2C ${result.status} - ${oneLine(result.summary)}${perf ? ` | ${perf}` : ''}`;
}

/** The same as one JSON object, with what was learned about the device; its strings pass through `redact`, its keys are ours. */
export function checkJson(result: CheckVerdict, findings: CheckFindings, snapshot: MonitorSnapshot, redact: Redactor): string {
	const identity = findings.identity?.ok ? findings.identity : undefined;
	const {status} = snapshot;
	return JSON.stringify(redactValue({
		status: result.status,
		summary: result.summary,
		perf: Object.fromEntries(result.perf.map(([label, value, unit]) => [label, {value, unit}])),
		device: identity ? {id: identity.identity.id, name: identity.identity.name, project: identity.identity.projectName} : null,
		paused: status.paused.value,
		pausedConfirmed: status.confidence.confirmed,
		connected: status.connected.value,
		joined: findings.socket?.kind === 'joined',
		identityOrigin: identity?.origin ?? null,
		tokenSource: snapshot.token.source,
		tokenExpiresAt: snapshot.token.expiresAt === null ? null : new Date(snapshot.token.expiresAt).toISOString(),
	}, redact));
}

/**
The UNKNOWN a check gives when it could not run at all (bad usage, a file it cannot read), as one JSON
object of the same shape as checkJson's: nothing is known of the device. The message is ours.
*/
export function unknownJson(message: string): string {
	return JSON.stringify({
		status: 'UNKNOWN',
		summary: oneLine(message),
		perf: {},
		device: null,
		paused: null,
		pausedConfirmed: false,
		connected: null,
		joined: false,
		identityOrigin: null,
		tokenSource: null,
		tokenExpiresAt: null,
	});
}

/** Every run of control characters, line breaks included, becomes one space. */
const controlRuns = new RegExp(`${controlCharacters.source}+`, 'g');

/** Plugins read one line: no line breaks, and no "|" before the performance data. */
function oneLine(text: string): string {
	return text.replaceAll(controlRuns, ' ').replaceAll('|', '/');
}
