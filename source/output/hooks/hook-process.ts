import {spawn} from 'node:child_process';
import type {Socket} from 'node:net';
import {stderrHead} from './hook-stderr.js';
import {groupAlive, signalGroup, trackGroup, untrackGroup} from './process-group.js';

/** How one run ended. */
export type HookOutcome = {
	readonly exitCode: number | null;
	/** Why it failed: its exit code, a signal, why it was stopped, or that /bin/sh could not start; then its stderr's first line. */
	readonly error?: string;
};

export type HookProcess = {
	readonly outcome: Promise<HookOutcome>;
	/** Stops the run (SIGTERM to its whole group, SIGKILL after the grace period); `why` becomes its error. */
	stop(why: string): void;
};

export type HookProcessOptions = {
	readonly timeoutMs: number;
	/** After SIGTERM, a group that lingers this long is killed. */
	readonly killAfterMs: number;
	/** What the error says when the run goes past `timeoutMs`. */
	readonly timeoutMessage: string;
};

/** How often to look whether the group has ended, once the shell has exited but something it started may not have. */
const pollMs = 100;

/**
Runs `command` through /bin/sh in a process group of its own, so that stopping it stops whatever it
started too (a `sleep`, a `curl`), not only the shell. The run is over when the shell has exited and
no live process of its group is left (a background job counts), or once the group was killed.
*/
export function startHookProcess(command: string, env: NodeJS.ProcessEnv, options: HookProcessOptions): HookProcess {
	const child = spawn('/bin/sh', ['-c', command], {env, stdio: ['ignore', 'ignore', 'pipe'], detached: true});
	// Neither the child nor its pipe keeps this process alive: the hooks' owner stops them on close,
	// and trackGroup kills what is left should this process exit first.
	child.unref();
	(child.stderr as Socket).unref();
	const stderr = stderrHead(child.stderr);
	const pgid = child.pid;
	let exit: {readonly code: number | null; readonly signal: NodeJS.Signals | null} | undefined;
	let stoppedBecause: string | undefined;
	let killed = false;
	// Once over, the group id may be reused by an unrelated group: it is never signalled again.
	let over = false;
	let killTimer: NodeJS.Timeout | undefined;
	let finish: (outcome: HookOutcome) => void = () => undefined;
	const outcome = new Promise<HookOutcome>(resolve => {
		finish = resolve;
	});

	const stop = (why: string) => {
		if (pgid === undefined || over || stoppedBecause !== undefined) {
			return;
		}

		stoppedBecause = why;
		signalGroup(pgid, 'SIGTERM');
		killTimer = setTimeout(() => {
			killed = true;
			signalGroup(pgid, 'SIGKILL');
		}, options.killAfterMs);
	};

	const deadline = setTimeout(() => {
		stop(options.timeoutMessage);
	}, options.timeoutMs);
	deadline.unref();
	const end = async (group: number) => {
		over = true;
		clearTimeout(deadline);
		clearTimeout(killTimer);
		untrackGroup(group);
		const line = await stderr.firstLine();
		const why = stoppedBecause ?? (exit?.signal ? `ended by ${exit.signal}` : (exit?.code === 0 ? undefined : `exited with ${exit?.code ?? '?'}`));
		finish({exitCode: exit?.code ?? null, ...(why === undefined ? {} : {error: line ? `${why}: ${line}` : why})});
	};

	child.on('error', error => {
		// Spawning failed ('exit' never comes); any later error of the child (none is expected) changes nothing.
		if (pgid === undefined) {
			clearTimeout(deadline);
			finish({exitCode: null, error: `could not run /bin/sh: ${error.message}`});
		}
	});
	if (pgid === undefined) {
		return {outcome, stop};
	}

	const settle = async (): Promise<void> => {
		if (killed || !(await groupAlive(pgid))) {
			await end(pgid);
			return;
		}

		// While stopping, the wait holds this process up (close() awaits it); before that, it does not.
		await pause(pollMs, stoppedBecause !== undefined);
		return settle();
	};

	trackGroup(pgid);
	child.once('exit', (code, signal) => {
		exit = {code, signal};
		void settle();
	});
	return {outcome, stop};
}

async function pause(ms: number, holdsProcess: boolean): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(resolve, ms);
		if (!holdsProcess) {
			timer.unref();
		}
	});
}
