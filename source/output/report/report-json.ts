import type {DeviceHistory, Outage} from '../../core/history/history-model.js';
import {summarizeHistory, type HistorySummary} from '../../core/history/history-summary.js';
import type {Interval} from '../../core/history/intervals.js';
import type {PauseWindow} from '../../core/history/pause-windows.js';

/** One device to report on: its name (the fleet config's), and its history, or none when it has no journal. */
export type ReportDevice = {
	/** The fleet config's name; for a single device, undefined: the name Frame.io gave is used. */
	readonly device?: string;
	readonly history: DeviceHistory | undefined;
};

export type ReportPauseJson = {
	readonly from: string | null;
	readonly fromLatest: string | null;
	readonly to: string | null;
	readonly toLatest: string | null;
	readonly precision: PauseWindow['precision'];
	readonly fromPrecision: PauseWindow['fromPrecision'];
	readonly toPrecision: PauseWindow['toPrecision'];
	/** Stretches inside the window when nobody watched. */
	readonly unmonitored: ReadonlyArray<{readonly from: string; readonly to: string}>;
	/** For a bound start: where in it the pause most likely began (no socket was joined then), or null. */
	readonly likelyStart: {readonly from: string; readonly to: string} | null;
};

export type ReportOutageJson = {
	readonly kind: Outage['kind'];
	readonly from: string;
	readonly to: string | null;
	readonly ms: number;
	readonly endedWithoutStop?: boolean;
};

export type ReportDeviceJson = {
	readonly device: string;
	/** False when the device has no journal (never watched with the journal on): every figure is then 0. */
	readonly journal: boolean;
	readonly monitoredMs: number;
	readonly notMonitoredMs: number;
	readonly connectedMs: number;
	readonly notConnectedMs: number;
	readonly joinedMs: number;
	readonly pausedMs: number;
	readonly pauses: readonly ReportPauseJson[];
	readonly outages: readonly ReportOutageJson[];
	readonly refreshes: number;
	readonly refreshFailures: number;
	readonly skippedLines: number;
};

export type ReportJson = {
	readonly from: string;
	readonly to: string;
	readonly devices: readonly ReportDeviceJson[];
};

/** A device's name in a report: the config's, else Frame.io's, else what its journal called it. */
export function reportDeviceName({device, history}: ReportDevice): string {
	return device ?? history?.deviceName ?? history?.device ?? 'unnamed device';
}

/**
`c2c-status report --json`: one object for a range, a section per device, in the shape of issue 17
(with a few extra fields: each end's precision, the gaps inside a window, the time not monitored).
The range is cut at the histories' now.
*/
export function reportJson(range: Interval, devices: readonly ReportDevice[]): ReportJson {
	const to = Math.min(range.to, ...devices.map(({history}) => history?.now ?? range.to));
	return {
		from: iso(range.from),
		to: iso(Math.max(range.from, to)),
		devices: devices.map(device => deviceJson(reportDeviceName(device), device.history ? summarizeHistory(device.history, range) : undefined)),
	};
}

function deviceJson(device: string, summary: HistorySummary | undefined): ReportDeviceJson {
	if (!summary) {
		return {
			device, journal: false, monitoredMs: 0, notMonitoredMs: 0, connectedMs: 0, notConnectedMs: 0, joinedMs: 0, pausedMs: 0,
			pauses: [], outages: [], refreshes: 0, refreshFailures: 0, skippedLines: 0,
		};
	}

	return {
		device,
		journal: true,
		monitoredMs: summary.monitoredMs,
		notMonitoredMs: summary.notMonitoredMs,
		connectedMs: summary.connectedMs,
		notConnectedMs: summary.notConnectedMs,
		joinedMs: summary.joinedMs,
		pausedMs: summary.pausedMs,
		pauses: summary.pauses.map(window => ({
			from: isoOrNull(window.from),
			fromLatest: iso(window.fromLatest),
			to: isoOrNull(window.to),
			toLatest: isoOrNull(window.toLatest),
			precision: window.precision,
			fromPrecision: window.fromPrecision,
			toPrecision: window.toPrecision,
			unmonitored: window.unmonitored.map(gap => ({from: iso(gap.from), to: iso(gap.to)})),
			likelyStart: window.likelyStart ? {from: iso(window.likelyStart.from), to: iso(window.likelyStart.to)} : null,
		})),
		outages: summary.outages.map(outage => ({
			kind: outage.kind, from: iso(outage.from), to: isoOrNull(outage.to), ms: outage.ms,
			...(outage.endedWithoutStop === undefined ? {} : {endedWithoutStop: outage.endedWithoutStop}),
		})),
		refreshes: summary.refreshes,
		refreshFailures: summary.refreshFailures,
		skippedLines: summary.skippedLines,
	};
}

function iso(at: number): string {
	return new Date(at).toISOString();
}

function isoOrNull(at: number | null): string | null {
	return at === null ? null : iso(at);
}
