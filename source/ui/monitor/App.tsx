import {Box} from 'ink';
import {useMemo} from 'react';
import type {HistoryFeed} from '../../core/history/history-feed.js';
import type {Monitor} from '../../core/monitor.js';
import Footer from '../shared/Footer.js';
import {helpLines, monitorHelpNotes} from '../shared/help-lines.js';
import HelpOverlay from '../shared/HelpOverlay.js';
import {type BoardNotice, freshNotice, noticeMs, type NoticeBoard} from '../shared/notice-board.js';
import {deviceInFleetKeymap, keymap} from '../shared/keymap.js';
import {computeLayout} from '../shared/layout.js';
import {maxScrollOffset} from '../shared/overlay-scroll.js';
import RedactContext from '../shared/RedactContext.js';
import TooSmall from '../shared/TooSmall.js';
import useNoticeBoard, {useStandingNotices} from '../shared/use-notice-board.js';
import useScreenText from '../shared/use-screen-text.js';
import useTheme from '../shared/use-theme.js';
import useNow from '../shared/use-now.js';
import useTerminalSize from '../shared/use-terminal-size.js';
import useKeysActive from '../shared/use-keys-active.js';
import useMonitor from './use-monitor.js';
import useKeys from './use-keys.js';
import {visibleTraffic} from './traffic/traffic-view.js';
import TrafficLog from './traffic/TrafficLog.js';
import TitleBar, {type DemoHint} from './TitleBar.js';
import AlertLines from './AlertLines.js';
import {headlineAlerts} from './panels/alert-words.js';
import {unconfirmedHelpNote} from './panels/paused-words.js';
import StatusPanel from './panels/StatusPanel.js';
import SocketPanel from './panels/SocketPanel.js';
import {monitorCommands} from './monitor-commands.js';
import IdentityPanel from './panels/IdentityPanel.js';
import HealthPanel from './panels/HealthPanel.js';
import FrameDetail, {frameDetailLines} from './traffic/FrameDetail.js';
import useViewState from './use-view-state.js';
import {viewSource, type ReplayOverrides} from './replay/replay-overrides.js';
import HistoryStrip from './timeline/HistoryStrip.js';
import TimelineOverlay from './timeline/TimelineOverlay.js';
import useTimeline from './timeline/use-timeline.js';
import type {ViewState} from './view-state.js';

export type MonitorSource = Pick<Monitor, 'subscribe' | 'getSnapshot' | 'refreshIdentity' | 'reconnect' | 'redact'>;

type Props = {
	readonly monitor: MonitorSource;
	readonly onQuit: () => void;
	/** In demo mode: what the emulator does next, given the time. */
	readonly demoHint?: ((now: number) => DemoHint) | undefined;
	readonly now?: () => number;
	/**
	Opened from the fleet table: Esc goes back to it once no panel or filter is left to close (and the
	footer and help say so). Without it Esc never leaves the view.
	*/
	readonly onBack?: (() => void) | undefined;
	/** The device's name in the fleet's config, for the title (else its name at Frame.io). */
	readonly label?: string | undefined;
	/** Notices from outside the view (a failed --on-change hook, where /metrics is served). */
	readonly board?: NoticeBoard | undefined;
	/** The device's history (its journal, or a replay's): the strip under the headline and `t`'s timeline. */
	readonly history?: HistoryFeed | undefined;
	/** Set when the view plays a recording (see replay/ReplayApp.tsx). */
	readonly replay?: ReplayOverrides | undefined;
};

/** The live view: headline, panels, traffic log and footer, sized to the terminal. */
export default function App({monitor, onQuit, demoHint, now: clockNow = Date.now, onBack, label, board, history, replay}: Props) {
	const snapshot = useMonitor(monitor);
	const posted = useNoticeBoard(board);
	const standing = useStandingNotices(board);
	const ticking = useNow(clockNow);
	const theme = useTheme();
	const screenText = useScreenText();
	const {columns, rows} = useTerminalSize();
	const source = viewSource(replay, {
		now: ticking,
		title: <TitleBar deviceName={titleName(label, snapshot.identity.identity?.name ?? null)} apiUrl={snapshot.apiUrl} demo={demoHint?.(ticking)} now={ticking} width={columns - 1}/>,
		bindings: onBack ? deviceInFleetKeymap : keymap,
		commands: monitorCommands(monitor, clockNow),
	});
	const {now, bindings} = source;
	const keysActive = useKeysActive();
	const {state: view, current, apply} = useViewState();
	const timeline = useTimeline(history, now, columns - 1, {scope: source.timeline, open: view.overlay === 'timeline'});
	const visible = useMemo(
		() => visibleTraffic(snapshot.traffic, {text: view.filter, hideHeartbeats: view.hideHeartbeats}, monitor.redact),
		[snapshot.traffic, view.filter, view.hideHeartbeats, monitor.redact],
	);
	const visibleSeqs = useMemo(() => visible.map(entry => entry.seq), [visible]);
	const alerts = headlineAlerts(snapshot, {now, separator: theme.symbols.separator, warningMark: theme.symbols.warning, screenText});
	const layout = computeLayout(columns, rows, alerts.length, {strip: history !== undefined});
	const selected = view.overlay === 'frame' ? snapshot.traffic.find(entry => entry.seq === view.detailSeq) : undefined;
	const overlayRows = layout.kind === 'too-small' ? 1 : layout.overlayRows;
	const width = columns - 1;
	// What the run announced (where the metrics are served) stays findable in the help after its notice is gone.
	const notes = useMemo(() => [...monitorHelpNotes, unconfirmedHelpNote(theme.symbols.unconfirmed), ...standing], [standing, theme]);
	const overlayMaxOffset = useMemo(() => {
		const lines = view.overlay === 'help' ? helpLines(width, bindings, notes).length : (view.overlay === 'frame' ? frameDetailLines(selected, width, monitor.redact).length : 0);
		return maxScrollOffset(view.overlay === 'timeline' ? timeline.lines.length : lines, overlayRows - 1);
	}, [view.overlay, selected, width, overlayRows, bindings, notes, monitor.redact, timeline.lines]);
	useKeys({
		current,
		dispatch: apply,
		visible: visibleSeqs,
		pageRows: layout.kind === 'too-small' ? 1 : (view.overlay === 'none' ? layout.trafficRows : overlayRows - 1),
		overlayMaxOffset,
		isActive: keysActive,
		quitOnly: layout.kind === 'too-small',
		now: clockNow,
		commands: {quit: onQuit, back: onBack, ...source.commands},
		intercept: source.intercept,
	});

	if (layout.kind === 'too-small') {
		return <TooSmall columns={columns} rows={rows} back={onBack !== undefined}/>;
	}

	const half = Math.floor((width - 1) / 2);
	const notice = footerNotice(view.notice, posted, now);
	return (
		<RedactContext.Provider value={monitor.redact}>
			<Box flexDirection="column" width={width} height={rows - 1} overflowY="hidden">
				{source.title}
				<AlertLines alerts={alerts} lines={layout.alertLines} width={width}/>
				<StatusPanel
					status={snapshot.status}
					latencyMs={snapshot.health.last?.ok ? snapshot.health.last.latencyMs : null}
					now={now}
					detail={layout.statusDetail}
					width={width}
					identity={snapshot.identity}
				/>
				{view.overlay === 'help' && <HelpOverlay rows={layout.overlayRows} width={width} offset={view.overlayOffset} bindings={bindings} notes={notes}/>}
				{view.overlay === 'frame' && <FrameDetail entry={selected} rows={layout.overlayRows} width={width} offset={view.overlayOffset}/>}
				{view.overlay === 'timeline' && <TimelineOverlay lines={timeline.lines} rows={layout.overlayRows} width={width} offset={view.overlayOffset} span={timeline.span}/>}
				{view.overlay === 'none' && (
					<>
						{layout.strip > 0 && <HistoryStrip history={timeline.history} now={now} width={width}/>}
						{layout.kind === 'wide'
							? (
								<Box flexDirection="row" height={1 + layout.panelLines}>
									<IdentityPanel identity={snapshot.identity} token={snapshot.token} now={now} width={half} lines={layout.panelLines}/>
									<Box width={1}/>
									<SocketPanel socket={snapshot.socket} now={now} width={width - half - 1} lines={layout.panelLines}/>
								</Box>
							)
							: (
								<>
									<IdentityPanel identity={snapshot.identity} token={snapshot.token} now={now} width={width} lines={layout.panelLines}/>
									<SocketPanel socket={snapshot.socket} now={now} width={width} lines={layout.panelLines}/>
								</>
							)}
						<HealthPanel health={snapshot.health} now={now} width={width} sparklineRows={layout.sparkline}/>
						<TrafficLog
							entries={visible}
							seqs={visibleSeqs}
							total={snapshot.traffic.length}
							rows={layout.trafficRows}
							width={width}
							follow={view.follow}
							selectedSeq={view.selectedSeq}
							filter={view.filter}
							editingFilter={view.editingFilter}
							hideHeartbeats={view.hideHeartbeats}
						/>
					</>
				)}
				<Footer keysActive={keysActive} notice={notice} width={width} bindings={bindings}/>
			</Box>
		</RedactContext.Provider>
	);
}

/** The device's name in the fleet, with its name at Frame.io when that differs; else the Frame.io name. */
function titleName(label: string | undefined, name: string | null): string | null {
	if (label === undefined || name === label) {
		return name ?? label ?? null;
	}

	return name === null ? label : `${label} (${name})`;
}

/** The newer of the view's own notice (after a key) and the board's, while it is fresh. */
function footerNotice(own: ViewState['notice'], posted: BoardNotice | null, now: number): string | undefined {
	const ownText = noticeText(own, now);
	const postedText = freshNotice(posted, now);
	return ownText !== undefined && (postedText === undefined || own!.at >= posted!.at) ? ownText : postedText;
}

/** The footer's notice while it is fresh (a function keeps a countdown in it current). */
function noticeText(notice: ViewState['notice'], now: number): string | undefined {
	if (!notice || now - notice.at >= noticeMs) {
		return undefined;
	}

	return typeof notice.text === 'function' ? notice.text(now) : notice.text;
}
