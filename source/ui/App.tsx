import {Box, useStdin} from 'ink';
import {useMemo} from 'react';
import type {Monitor} from '../core/monitor.js';
import FrameDetail, {frameDetailLines} from './FrameDetail.js';
import Footer from './Footer.js';
import HealthPanel from './HealthPanel.js';
import {helpLines} from './help-lines.js';
import HelpOverlay from './HelpOverlay.js';
import IdentityPanel from './IdentityPanel.js';
import {computeLayout} from './layout.js';
import {maxScrollOffset} from './overlay-scroll.js';
import RedactContext from './RedactContext.js';
import SocketPanel from './SocketPanel.js';
import StatusPanel from './StatusPanel.js';
import TitleBar, {type DemoHint} from './TitleBar.js';
import TooSmall from './TooSmall.js';
import TrafficLog from './TrafficLog.js';
import {visibleTraffic} from './traffic-view.js';
import useKeys from './use-keys.js';
import useMonitor from './use-monitor.js';
import useNow from './use-now.js';
import useTerminalSize from './use-terminal-size.js';
import useViewState from './use-view-state.js';

export type MonitorSource = Pick<Monitor, 'subscribe' | 'getSnapshot' | 'refreshIdentity' | 'reconnect' | 'redact'>;

type Props = {
	readonly monitor: MonitorSource;
	readonly onQuit: () => void;
	/** In demo mode: what the emulator does next, given the time. */
	readonly demoHint?: ((now: number) => DemoHint) | undefined;
	readonly now?: () => number;
};

const noticeMs = 5000;

/** The live view: headline, panels, traffic log and footer, sized to the terminal. */
export default function App({monitor, onQuit, demoHint, now: clockNow = Date.now}: Props) {
	const snapshot = useMonitor(monitor);
	const now = useNow(clockNow);
	const {columns, rows} = useTerminalSize();
	// Ink's type says boolean, but it reports undefined, not false, for a pipe or /dev/null on stdin.
	const keysActive = (useStdin().isRawModeSupported as boolean | undefined) === true;
	const {state: view, current, apply} = useViewState();
	const visible = useMemo(
		() => visibleTraffic(snapshot.traffic, {text: view.filter, hideHeartbeats: view.hideHeartbeats}, monitor.redact),
		[snapshot.traffic, view.filter, view.hideHeartbeats, monitor.redact],
	);
	const visibleSeqs = useMemo(() => visible.map(entry => entry.seq), [visible]);
	const layout = computeLayout(columns, rows);
	const selected = view.overlay === 'frame' ? snapshot.traffic.find(entry => entry.seq === view.detailSeq) : undefined;
	const overlayRows = layout.kind === 'too-small' ? 1 : layout.overlayRows;
	const width = columns - 1;
	const overlayMaxOffset = useMemo(() => {
		const lines = view.overlay === 'help' ? helpLines(width).length : (view.overlay === 'frame' ? frameDetailLines(selected).length : 0);
		return maxScrollOffset(lines, overlayRows - 1);
	}, [view.overlay, selected, width, overlayRows]);
	useKeys({
		current,
		dispatch: apply,
		visible: visibleSeqs,
		pageRows: layout.kind === 'too-small' ? 1 : (view.overlay === 'none' ? layout.trafficRows : overlayRows - 1),
		overlayMaxOffset,
		isActive: keysActive,
		quitOnly: layout.kind === 'too-small',
		now: clockNow,
		commands: {
			quit: onQuit,
			refresh() {
				const outcome = monitor.refreshIdentity();
				const allowedAt = monitor.getSnapshot().identity.nextAllowedAt ?? clockNow();
				switch (outcome) {
					case 'now': {
						return 'identity: fetching now';
					}

					case 'queued': {
						return (now: number) => allowedAt > now ? `identity: next allowed in ${Math.ceil((allowedAt - now) / 1000)} s, queued` : 'identity: fetching';
					}

					case 'in-flight': {
						return 'identity: a fetch is already under way';
					}

					case 'stopped': {
						return '';
					}
				}
			},
			reconnect() {
				switch (monitor.reconnect()) {
					case 'now': {
						return 'socket: reconnecting now';
					}

					case 'rejected': {
						const retryAt = monitor.getSnapshot().socket.nextRetryAt ?? clockNow();
						return (now: number) => `socket: token rejected; next try in ${Math.max(0, Math.ceil((retryAt - now) / 1000))} s or on a new token`;
					}

					case 'no-device': {
						return 'socket: no device yet (waiting for the identity)';
					}
				}
			},
		},
	});

	if (layout.kind === 'too-small') {
		return <TooSmall columns={columns} rows={rows}/>;
	}

	const half = Math.floor((width - 1) / 2);
	const notice = view.notice && now - view.notice.at < noticeMs
		? (typeof view.notice.text === 'function' ? view.notice.text(now) : view.notice.text)
		: undefined;
	return (
		<RedactContext.Provider value={monitor.redact}>
			<Box flexDirection="column" width={width} height={rows - 1} overflow="hidden">
				<TitleBar deviceName={snapshot.identity.identity?.name ?? null} apiUrl={snapshot.apiUrl} demo={demoHint?.(now)} now={now} width={width}/>
				<StatusPanel
					status={snapshot.status}
					latencyMs={snapshot.health.last?.ok ? snapshot.health.last.latencyMs : null}
					now={now}
					detail={layout.statusDetail}
					lastRunIdentityAt={snapshot.identity.origin === 'last-run' ? snapshot.identity.fetchedAt : null}
				/>
				{view.overlay === 'help' && <HelpOverlay rows={layout.overlayRows} width={width} offset={view.overlayOffset}/>}
				{view.overlay === 'frame' && <FrameDetail entry={selected} rows={layout.overlayRows} width={width} offset={view.overlayOffset}/>}
				{view.overlay === 'none' && (
					<>
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
				<Footer keysActive={keysActive} notice={notice} width={width}/>
			</Box>
		</RedactContext.Provider>
	);
}
