import type {ChildProcess} from 'node:child_process';

const children = new Set<ChildProcess>();

/** Keeps `child` to be killed by `killTracked()` (for afterEach) if it is still running. */
export function tracked<T extends ChildProcess>(child: T): T {
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

export function killTracked(): void {
	for (const child of children) {
		child.kill('SIGKILL');
	}

	children.clear();
}
