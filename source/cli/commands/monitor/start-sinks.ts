import type {HistoryFeed} from '../../../core/history/history-feed.js';
import {ChangeHooks, type HookReport} from '../../../output/hooks/change-hooks.js';
import {createMetrics} from '../../../output/metrics/metrics.js';
import {startMetricsServer} from '../../../output/metrics/metrics-server.js';
import {type StatusChange, watchStatusChanges} from '../../../output/status-changes.js';
import {bellOnTrouble} from '../../../output/terminal-bell.js';
import type {MonitorCommand} from './monitor-flags.js';
import {startHistory} from './start-history.js';
import type {WatchedDevices} from './watched-devices.js';

/** How the run says where /metrics is served, to a person. */
export const metricsAnnouncement = (url: string) => `metrics for Prometheus at ${url}`;

/** Where the sinks' own output goes, which differs by mode. */
export type SinkOutlets = {
	/** The terminal bell's character, to the terminal (or nowhere). */
	readonly bell: (text: string) => void;
	/** What became of a hook's run: an NDJSON line, or a notice in the live view. */
	readonly hookReport: (report: HookReport) => void;
	/** A line for the person who started the run (where the journal is written). */
	readonly announce: (text: string) => void;
	/** Where /metrics is served (the port actually taken, for --metrics-port 0), once it listens. */
	readonly metricsServed: (url: string) => void;
	/** What shows the devices: the mode a journal's `monitor` lines name. */
	readonly mode: 'tui' | 'json';
};

/** What the sinks take from the command. */
export type SinkCommand = Pick<MonitorCommand, 'metrics' | 'onChange' | 'onChangeIntervalMs' | 'bell' | 'journalDays' | 'record' | 'demo'>;

export type Sinks = {
	/** Each device's history from its journal, by device name, for the live view's strip and timeline. */
	readonly histories: ReadonlyMap<string, HistoryFeed>;
	/** Detaches from the devices, stops the hooks that run, closes the metrics server. */
	close(): Promise<void>;
};

/**
Attaches the sinks the command asks for to every device, before the devices start (so that metrics
count from the start, and a metrics port in use stops the run before anything else happens): the
metrics server, the change hook, the bell; and the journal and --record (start-history.ts).
*/
export async function startSinks(watched: WatchedDevices, command: SinkCommand, outlets: SinkOutlets): Promise<Sinks> {
	const history = await startHistory(watched, command, outlets);
	const detach: Array<() => void> = [];
	const closing: Array<() => Promise<void>> = [];
	if (command.metrics) {
		const metrics = createMetrics();
		const server = await history.guard(startMetricsServer({...command.metrics, registry: metrics.registry}));
		closing.push(async () => server.close());
		for (const device of watched.devices) {
			detach.push(metrics.attach(device));
		}

		outlets.metricsServed(server.url);
	}

	const onChange: Array<(change: StatusChange) => void> = [];
	if (command.onChange !== undefined) {
		const hooks = new ChangeHooks({
			command: command.onChange,
			report(report) {
				history.hook(report);
				outlets.hookReport(report);
			},
			// The hook gets none of the tokens: not by name (a config's tokenEnv), not by value (the redactor's secrets).
			secretVariables: tokenVariables(watched),
			redact: watched.redact,
			...(command.onChangeIntervalMs === undefined ? {} : {intervalMs: command.onChangeIntervalMs}),
			// A single device goes by its name at Frame.io in the hook (there is no config to name it); its runs
			// are still kept in order under its one name here, which does not change when the identity arrives.
			...(watched.fleet ? {} : {nameFor: (change: StatusChange) => change.frameioName ?? 'device'}),
		});
		onChange.push(hooks.changed);
		closing.push(async () => {
			hooks.close();
			await hooks.idle();
		});
	}

	if (command.bell) {
		onChange.push(bellOnTrouble(outlets.bell));
	}

	if (onChange.length > 0) {
		for (const device of watched.devices) {
			detach.push(watchStatusChanges(device, change => {
				for (const act of onChange) {
					act(change);
				}
			}));
		}
	}

	return {
		histories: history.histories,
		async close() {
			for (const stop of detach.splice(0)) {
				stop();
			}

			await Promise.all(closing.splice(0).map(async close => close()));
			await history.close();
		},
	};
}

/** The environment variables the devices take their tokens from (FRAMEIO_TOKEN, a config's `tokenEnv`). */
function tokenVariables(watched: WatchedDevices): string[] {
	return watched.devices.flatMap(({monitor}) => monitor.config.token.kind === 'env' ? [monitor.config.token.variable] : []);
}
