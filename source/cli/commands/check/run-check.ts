import process from 'node:process';
import {Monitor} from '../../../core/monitor.js';
import type {MonitorEvent} from '../../../core/monitor-events.js';
import {startJournals} from '../monitor/start-journal.js';
import {startMonitor} from '../monitor/start-monitor.js';
import {type CheckFindings, findingsAfter} from './check-findings.js';
import type {CheckCommand} from './check-flags.js';
import {checkJson, checkLine} from './check-output.js';
import {answered, checkExitCodes, verdict} from './check-verdict.js';

/**
`c2c-status check`: one pass of the same Monitor the live view uses (/health, the identity within the
60 s rule across runs, and unless --no-socket the socket joining the device channel), stopped as soon as
the answer is known or the timeout passes; one line in the monitoring-plugin format (or one JSON object)
and its exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
*/
export async function runCheck(command: CheckCommand, stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
	const {config} = command.monitor;
	const monitor = new Monitor(config, {withoutSocket: !command.socket});
	let findings: CheckFindings = {startedAt: Date.now(), owned: config.token.kind === 'credentials'};
	let settle: () => void = () => undefined;
	const settled = new Promise<void>(resolve => {
		settle = resolve;
	});
	const stopListening = monitor.events.on((event: MonitorEvent) => {
		findings = findingsAfter(findings, event);
		if (answered(findings, command.socket)) {
			settle();
		}
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		settle();
	}, command.timeoutMs);
	let status = monitor.getStatus();
	// The journal (issue 17): a check from cron is a run like any other; a problem writing it goes to stderr.
	const journal = await startJournals([{name: 'default', monitor}], {
		days: command.monitor.journalDays, mode: 'check', fleet: false, announce: text => process.stderr.write(`c2c-status: ${text}\n`),
	});
	try {
		await startMonitor(monitor);
		await settled;
		// Paused as it stood when the answer was known, before stopping closes the socket (and as of now, not the last publish).
		status = monitor.getStatus();
	} finally {
		clearTimeout(timer);
		stopListening();
		await monitor.stop();
		await journal.close();
	}

	// Stopping publishes a snapshot of everything else as it is now.
	const snapshot = {...monitor.getSnapshot(), status};
	const result = verdict(findings, snapshot, {socket: command.socket, now: Date.now(), timedOut});
	const output = command.json ? checkJson(result, findings, snapshot, monitor.redact) : monitor.redact(checkLine(result));
	stdout.write(`${output}\n`);
	return checkExitCodes[result.status];
}
