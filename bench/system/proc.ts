import {execFileSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';

/*
What the kernel says about a process: CPU time (user+sys, from /proc/<pid>/stat, in clock ticks)
and memory (VmRSS, VmHWM from /proc/<pid>/status). Linux only.
*/

function clockTicksPerSecond(): number {
	try {
		const ticks = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());
		return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
	} catch {
		return 100;
	}
}

export const ticksPerSecond = clockTicksPerSecond();

type Stat = {readonly pid: number; readonly ppid: number; readonly ticks: number};

/** Utime+stime+cutime+cstime (the last two: children it has waited for), or undefined once it is gone. */
function readStat(pid: number): Stat | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}

	// The command name is in parentheses and may hold spaces: the fields start after the last ')'.
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	const number = (index: number) => Number(fields[index] ?? 0);
	// Fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
	return {pid, ppid: number(1), ticks: number(11) + number(12) + number(13) + number(14)};
}

/** The process and every live descendant. */
function tree(root: number): Stat[] {
	const stats: Stat[] = [];
	for (const entry of readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			const stat = readStat(Number(entry));
			if (stat) {
				stats.push(stat);
			}
		}
	}

	const children = new Map<number, Stat[]>();
	for (const stat of stats) {
		children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
	}

	const rootStat = stats.find(stat => stat.pid === root);
	if (!rootStat) {
		return [];
	}

	const found: Stat[] = [rootStat];
	// The iterator sees what is pushed while it runs: a breadth-first walk.
	for (const stat of found) {
		found.push(...(children.get(stat.pid) ?? []));
	}

	return found;
}

/**
CPU time (user+sys) in seconds of a process and its live descendants, every thread included. Throws
when the process is gone: a figure must not silently read zero.
*/
export function cpuSeconds(pid: number): number {
	const stats = tree(pid);
	if (stats.length === 0) {
		throw new Error(`process ${pid} is gone: cannot read its CPU time`);
	}

	return stats.reduce((sum, stat) => sum + stat.ticks, 0) / ticksPerSecond;
}

function statusField(pid: number, field: string): number {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		throw new Error(`process ${pid} is gone: cannot read its ${field}`);
	}

	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
	if (!match) {
		throw new Error(`no ${field} in /proc/${pid}/status`);
	}

	return Number(match[1]) / 1024;
}

/** Resident set size now (VmRSS), in MiB. */
export function rssMb(pid: number): number {
	return statusField(pid, 'VmRSS');
}

/** Peak resident set size so far (VmHWM), in MiB. */
export function peakRssMb(pid: number): number {
	return statusField(pid, 'VmHWM');
}

export function alive(pid: number): boolean {
	return readStat(pid) !== undefined;
}
