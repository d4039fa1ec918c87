import type {AuditReport} from './audit-report.js';

export type AuditTableOptions = {
	/** The width to wrap the evidence to. Default 100. */
	readonly width?: number;
};

const ruleWidth = 'socket-token-in-query'.length;
const verdictWidth = 'not-seen'.length;

/** Splits text into lines of at most `width` characters, at spaces where it can. */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let rest = text;
	while (rest.length > width) {
		const space = rest.lastIndexOf(' ', width);
		const cut = space > 0 ? space : width;
		lines.push(rest.slice(0, cut));
		rest = rest.slice(cut).trimStart();
	}

	lines.push(rest);
	return lines;
}

/**
The report as plain text, for the emulator's exit: a heading per client, then one line per rule
(rule, verdict, evidence wrapped under itself), and a count of each verdict.
*/
export function formatAuditTable(report: AuditReport, options: AuditTableOptions = {}): string {
	const width = options.width ?? 100;
	const indent = 2 + ruleWidth + 2 + verdictWidth + 2;
	const evidenceWidth = Math.max(20, width - indent);
	if (report.clients.length === 0) {
		return 'Audit: no client was seen.\n';
	}

	const lines: string[] = [];
	for (const client of report.clients) {
		const counts = new Map<string, number>();
		for (const rule of client.rules) {
			counts.set(rule.verdict, (counts.get(rule.verdict) ?? 0) + 1);
		}

		const summary = ['broken', 'warning', 'kept', 'not-seen'].map(verdict => `${counts.get(verdict) ?? 0} ${verdict}`).join(', ');
		lines.push(`Audit of ${client.client}: ${summary}`);
		for (const rule of client.rules) {
			const [firstLine = '', ...more] = wrap(rule.evidence, evidenceWidth);
			lines.push(`  ${rule.rule.padEnd(ruleWidth)}  ${rule.verdict.padEnd(verdictWidth)}  ${firstLine}`.trimEnd());
			for (const line of more) {
				lines.push(`${' '.repeat(indent)}${line}`);
			}
		}

		lines.push('');
	}

	return `${lines.join('\n').trimEnd()}\n`;
}
