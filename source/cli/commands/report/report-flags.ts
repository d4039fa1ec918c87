import process from 'node:process';
import type {Interval} from '../../../core/history/intervals.js';
import {journalDirectoryForState, journalRoot} from '../../../core/history/journal-paths.js';
import {stateDirectory} from '../../../core/xdg-paths.js';
import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {deviceFlags} from '../../shared-flags.js';
import {parseMonitorFlags} from '../monitor/monitor-flags.js';
import {parseReportRange} from './report-range.js';

export const reportFlags = {
	...deviceFlags,
	config: {type: 'string'},
	since: {type: 'string'},
	from: {type: 'string'},
	to: {type: 'string'},
	json: {type: 'boolean'},
} as const satisfies FlagDefinitions;

export type RawReportFlags = RawFlags<typeof reportFlags>;

/** A device to report on: the config's name (none for a single device: Frame.io's is used), and its journal folder. */
export type ReportTarget = {
	readonly name?: string;
	/** Undefined when the device has no state key (so no journal can exist). */
	readonly directory: string | undefined;
};

export type ReportCommand = {
	readonly range: Interval;
	/** The moment the range was read against: a run still going reaches it. */
	readonly now: number;
	readonly json: boolean;
	/** The devices named by --config or the token flags; `all` when none is configured: every journal there is. */
	readonly devices: readonly ReportTarget[] | 'all';
	/** `<state directory>/journal`, for `all`. */
	readonly root: string;
};

/**
`report`'s flags: the range, and the devices as the monitor takes them (the same --config, token flags,
FRAMEIO_TOKEN or default credentials: the journal is keyed as the state file is, by the API and where
the token comes from, never by the token). With none of them: every device that has a journal.
*/
export function parseReportFlags(flags: RawReportFlags, env: NodeJS.ProcessEnv = process.env, now = Date.now()): ReportCommand {
	const {since, from, to, json, ...device} = flags;
	const range = parseReportRange({since, from, to}, now);
	const monitor = parseMonitorFlags(device, env);
	const root = journalRoot(stateDirectory(env));
	const place = (statePath: string | undefined) => statePath === undefined ? undefined : journalDirectoryForState(statePath);
	let devices: ReportCommand['devices'] = 'all';
	if (monitor.fleet) {
		devices = monitor.fleet.map(({name, config}) => ({name, directory: place(config.statePath)}));
	} else if (monitor.config) {
		devices = [{directory: place(monitor.config.statePath)}];
	}

	return {range, now, json: json ?? false, devices, root};
}
