import {failure, removeFolder, type Context, type Group} from './context.js';
import {EmulatorProcess} from './emulator.js';
import {build, cleanEnv, freshFolder, nodePath} from './processes.js';
import {figure} from './report.js';
import {columns, completeScreen, rows, wscatArgs, wscatJoined} from './subjects.js';

/*
Startup: from the tmux command that creates a 120x40 pane running the program until the screen
shows what it is for (captured every 5 ms): the monitor's complete first screen (Paused and Connected
known, the socket joined), and wscat's first reply (its join's phx_reply). The monitor starts cold:
fresh XDG folders, so no state file from an earlier run. One emulator serves every launch; the
monitor and wscat alternate.
*/

const token = 'bench-startup-token';
const timeoutMs = 30_000;

async function launch(context: Context, emulator: EmulatorProcess, kind: 'monitor' | 'wscat'): Promise<number> {
	const home = freshFolder(context.root, `startup-${kind}`);
	const argv = kind === 'monitor' ? [nodePath, build.monitor, '--api-url', emulator.url] : wscatArgs(emulator);
	const env = cleanEnv(home, kind === 'monitor' ? {FRAMEIO_TOKEN: emulator.token} : {});
	const pane = await context.tmux.session(argv, {columns, rows, env, label: `startup-${kind}`});
	try {
		const ready = kind === 'monitor' ? completeScreen : wscatJoined;
		const seen = await pane.waitFor(ready, kind === 'monitor' ? 'the complete first screen' : 'wscat\'s first reply', timeoutMs, 5);
		return seen.at - pane.startedAt;
	} finally {
		await pane.close();
		removeFolder(home);
	}
}

export const startupGroup: Group = {
	name: 'startup',
	what: 'launch to a complete first screen, against wscat\'s launch to its first reply',
	async run(context) {
		const home = freshFolder(context.root, 'startup-emulator');
		const emulator = await EmulatorProcess.start(home, {token});
		const monitor: number[] = [];
		const wscat: number[] = [];
		const errors: string[] = [];
		try {
			for (let run = 1; run <= context.settings.startupRuns; run++) {
				for (const [kind, into] of [['monitor', monitor], ['wscat', wscat]] as const) {
					try {
						into.push(await launch(context, emulator, kind));
					} catch (error) {
						into.push(Number.NaN);
						errors.push(`${kind} run ${run}: ${failure(error)}`);
						context.progress(`run ${run}: ${kind}: FAILED: ${failure(error)}`);
					}
				}

				context.progress(`run ${run}/${context.settings.startupRuns}: monitor ${monitor.at(-1)!.toFixed(0)} ms, wscat ${wscat.at(-1)!.toFixed(0)} ms`);
			}
		} finally {
			await emulator.stop();
		}

		return [
			figure(
				{id: 'startup.tui', group: 'startup', name: 'startup: launch to a complete first screen', unit: 'ms', target: {kind: 'ratio-at-most', limit: 2.5},
					method: 'tmux new-session (120x40) of node dist/cli.js until Paused, Connected and "joined for" are on screen, captured every 5 ms, cold (fresh XDG folders); '
						+ `wscat: until its join's phx_reply is printed; ${context.settings.startupRuns} launches each, alternating.`},
				monitor,
				errors,
				{name: 'wscat', runs: wscat},
			),
		];
	},
};
