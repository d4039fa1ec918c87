import {readdir, readFile} from 'node:fs/promises';
import process from 'node:process';

/**
Sends `signal` to every process of a group (a hook's shell and whatever it started). A group that is
gone already, or that this process may not signal, is not an error: there is nothing more to do.
*/
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {}
}

/**
Whether any process of the group is still alive. `kill(-pgid, 0)` says whether the group exists, but
a process whose parent died is a zombie until its new parent reaps it, and some init processes (in
containers, notably) never do: on Linux, /proc tells a zombie (state Z) from a live process. Where
/proc cannot be read, an existing group counts as alive.
*/
export async function groupAlive(pgid: number): Promise<boolean> {
	try {
		process.kill(-pgid, 0);
	} catch (error) {
		// EPERM: a member this process may not signal (a setuid program) is alive.
		return (error as NodeJS.ErrnoException).code !== 'ESRCH';
	}

	let entries: string[];
	try {
		entries = await readdir('/proc');
	} catch {
		return true;
	}

	const states = await Promise.all(entries.filter(entry => /^\d+$/.test(entry)).map(async pid => memberState(pid, pgid)));
	return states.some(state => state !== undefined && state !== 'Z' && state !== 'X');
}

/** The process's state letter when it belongs to the group, else undefined (also when it just ended). */
async function memberState(pid: string, pgid: number): Promise<string | undefined> {
	try {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
		// "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so count from the last ")".
		const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(pgrp) === pgid ? state : undefined;
	} catch {
		return undefined;
	}
}

const liveGroups = new Set<number>();

function killLiveGroups(): void {
	for (const pgid of liveGroups) {
		signalGroup(pgid, 'SIGKILL');
	}
}

/**
Notes a group this process started, so that it is killed should this process exit before the group
ends (a crash, or an exit that did not wait for the hooks): hooks run detached from the monitor's own
group, so nothing else would stop them. `untrack` once the group has ended.
*/
export function trackGroup(pgid: number): void {
	if (liveGroups.size === 0) {
		process.on('exit', killLiveGroups);
	}

	liveGroups.add(pgid);
}

export function untrackGroup(pgid: number): void {
	liveGroups.delete(pgid);
	if (liveGroups.size === 0) {
		process.off('exit', killLiveGroups);
	}
}
