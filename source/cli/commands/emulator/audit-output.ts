import type {Clock} from '../../../core/clock.js';
import {describeError} from '../../../core/utils/describe-error.js';
import {writeFileAtomic} from '../../../core/utils/write-file-atomic.js';
import {formatAuditTable} from '../../../emulator/audit/audit-table.js';
import type {AuditReport} from '../../../emulator/audit/audit-report.js';
import {exerciseSeconds, exerciseTimeline, formatOffset, startAuditExercise} from '../../../emulator/exercise/audit-exercise.js';
import {accessTokenLifetimeSeconds} from '../../../emulator/frameio-server-rules.js';
import type {EmulatorControl} from '../../../emulator/types.js';
import {printable} from '../../../text/sanitize.js';
import {timeOfDay} from '../../../ui/format/format.js';

/** With `--audit-exercise`: the exercise ended and a rule was broken. */
export const exerciseBrokenExitCode = 3;

type AuditFlags = {
	readonly audit?: boolean;
	readonly auditExercise?: boolean;
	readonly auditReport?: string;
	readonly tokenTtlSeconds?: number;
};

/** The start-up lines about the audit: where the verdicts are, and the exercise's schedule. */
export function auditUsageLines(url: string, options: AuditFlags): string[] {
	if (!options.audit) {
		return [];
	}

	const file = options.auditReport === undefined ? '' : ` and written to ${printable(options.auditReport)}`;
	return [
		`  audit     GET  ${url}/_emulator/audit for the verdicts so far; each broken rule is logged as it happens, the table printed at exit${file}`,
		...(options.auditExercise ? exerciseScheduleLines(options.tokenTtlSeconds ?? accessTokenLifetimeSeconds) : []),
	];
}

/** The exercise's schedule, printed at start: offsets from the first join, the token lifetime, the end. */
export function exerciseScheduleLines(tokenTtlSeconds: number): string[] {
	return [
		`  exercise  about ${Math.round(exerciseSeconds / 60)} minutes from the moment a device first joins its topic, then the report and exit:`,
		...exerciseTimeline.map(step => `            ${formatOffset(step.atSeconds).padStart(6)}  ${step.label}`),
		`            access tokens from pairing and refresh last ${tokenTtlSeconds} s (--token-ttl): refresh each before it expires`,
	];
}

/** When each step will run, once the exercise has started at `at`. */
export function exerciseStartedLine(at: number): string {
	const times = exerciseTimeline.slice(1).map(step => `${timeOfDay(at + (step.atSeconds * 1000))} ${step.action}`);
	return `exercise started; ${times.join(', ')}`;
}

export type ExerciseRun = {
	/** Resolves once the exercise's last step has run. */
	readonly ended: Promise<'exercise-ended'>;
	stop(): void;
};

/** Plays the exercise from the first join, logging each step (and, at the start, when each will come). */
export function runExercise(control: EmulatorControl, clock: Clock, log: (line: string) => void): ExerciseRun {
	let stop: () => void = () => undefined;
	const ended = new Promise<'exercise-ended'>(resolve => {
		const exercise = startAuditExercise(control, {
			clock,
			onStep(step, at) {
				log(`exercise: ${step.label}`);
				if (step.action === 'start') {
					log(exerciseStartedLine(at));
				}
			},
			onEnd() {
				resolve('exercise-ended');
			},
		});
		stop = () => {
			exercise.stop();
		};
	});
	return {
		ended,
		stop() {
			stop();
		},
	};
}

/** Rules broken by any client. */
export function brokenCount(report: AuditReport): number {
	return report.clients.reduce((total, client) => total + client.rules.filter(rule => rule.verdict === 'broken').length, 0);
}

export type AuditFinish = {
	readonly report: AuditReport;
	/** `--audit-report FILE`. */
	readonly path: string | undefined;
	/** The run ended because the exercise did (not on a signal). */
	readonly exerciseEnded: boolean;
	/** The table's width. */
	readonly width: number;
	readonly print: (text: string) => void;
	readonly printError: (text: string) => void;
};

/**
At exit: the table of verdicts, and the JSON written to `--audit-report` (atomically; mode 0644: it
holds no secret, tokens appear in it only as "access token #2"). Resolves with the exit code: 1 when
the file could not be written, 3 when the exercise ended with a rule broken, else 0.
*/
export async function finishAudit({report, path, exerciseEnded, width, print, printError}: AuditFinish): Promise<number> {
	print(formatAuditTable(report, {width}).trimEnd());
	if (path !== undefined) {
		try {
			await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`, {mode: 0o644, directoryMode: 0o755});
			print(`audit report written to ${printable(path)}`);
		} catch (error) {
			printError(`c2c-status emulator: cannot write the audit report to ${printable(path)}: ${describeError(error)}`);
			return 1;
		}
	}

	return exerciseEnded && brokenCount(report) > 0 ? exerciseBrokenExitCode : 0;
}
