import process from 'node:process';

/**
Whether a process with this id runs on this machine (one of another user's counts). A process that
ended, or an id never used, is not alive.
*/
export function processAlive(pid: number): boolean {
	if (!Number.isInteger(pid) || pid <= 0) {
		return false;
	}

	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
