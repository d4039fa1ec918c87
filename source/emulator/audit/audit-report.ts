import type {RuleId} from './audit-rules.js';

/**
`broken`: the client broke the rule (with the evidence); `warning`: kept, but against a recommendation;
`kept`: exercised and kept; `not-seen`: nothing exercised it (the evidence says why).
*/
export type Verdict = 'kept' | 'broken' | 'warning' | 'not-seen';

export type RuleVerdict = {
	readonly rule: RuleId;
	readonly verdict: Verdict;
	readonly evidence: string;
	/** ISO 8601: the first offence (broken), the first miss of the recommendation (warning), the first time judged (kept); null when not seen. */
	readonly firstAt: string | null;
};

export type ClientVerdicts = {
	/** The device id and the user agent(s), or the address and user agent of a client that showed no device's token. */
	readonly client: string;
	/** Null for a client that never showed a token a device knows (it may be pairing). */
	readonly deviceId: string | null;
	readonly rules: readonly RuleVerdict[];
};

/** What `GET /_emulator/audit` answers and `--audit-report FILE` writes. */
export type AuditReport = {
	readonly clients: readonly ClientVerdicts[];
};

/** A rule a client broke for the first time, for the emulator's log. */
export type AuditBreach = {
	readonly client: string;
	readonly deviceId: string | null;
	readonly rule: RuleId;
	readonly evidence: string;
	readonly firstAt: string;
};

/** One line for the emulator's log. */
export function formatBreach(breach: AuditBreach): string {
	return `audit: ${breach.client} broke ${breach.rule}: ${breach.evidence}`;
}
