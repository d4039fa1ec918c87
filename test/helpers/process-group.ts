import {readdirSync, readFileSync} from 'node:fs';
import process from 'node:process';

/**
The processes of a group that are alive, from /proc: a zombie (state Z) whose parent died stays until
init reaps it, which some containers' init never does, and a zombie can do nothing. Empty once
`kill(-pgid, 0)` says the group is gone.
*/
export function liveMembers(pgid: number): string[] {
	try {
		process.kill(-pgid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') {
			return [];
		}

		throw error;
	}

	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).filter(pid => {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return Number(pgrp) === pgid && state !== 'Z' && state !== 'X';
		} catch {
			return false;
		}
	});
}

/** A shell command that writes its process group's id (the fifth field of /proc/<pid>/stat) to `path` (already quoted). */
export const noteGroupTo = (quotedPath: string) => `cut -d' ' -f5 /proc/$$/stat > ${quotedPath}`;
