import {Box} from 'ink';
import type {HealthSnapshot} from '../../../core/health/health-monitor.js';
import {describeKind, type RequestFailure} from '../../../core/http/request-failure.js';
import {ago, countdown, formatDuration, formatMs} from '../../format/format.js';
import Line from '../../shared/Line.js';
import PanelTitle from '../../shared/PanelTitle.js';
import {displayWidth} from '../../format/text-width.js';
import {tint} from '../../shared/theme.js';
import useTheme from '../../shared/use-theme.js';
import {sparkline, sparkRuns} from './sparkline.js';

type Props = {
	readonly health: HealthSnapshot;
	readonly now: number;
	readonly width: number;
	readonly sparklineRows: number;
};

/** Whether Frame.io answers GET /health, how fast, and a sparkline of recent checks with outages marked. */
export default function HealthPanel({health, now, width, sparklineRows}: Props) {
	const theme = useTheme();
	const {last} = health;
	// Short enough for 80 columns with an outage named: "DOWN for 1m 05s: HTTP error 503 · checked 2s ago, next in 8s".
	// While a check is under way there is no next one yet: it says so, not "next -".
	const checking = health.phase === 'checking' ? `checking${theme.symbols.ellipsis}` : undefined;
	const facts = last === null
		? [checking ?? 'first check pending']
		: [
			last.ok ? `ok ${formatMs(last.latencyMs)}` : `DOWN for ${formatDuration(now - outageStart(health))}: ${describeFailure(last.failure)}`,
			`checked ${ago(last.at, now)}, ${checking ?? `next ${countdown(health.nextCheckAt, now)}`}`,
		];
	const label = 'latency ';
	const cells = sparkline(health.history, Math.max(0, width - displayWidth(label) - 1), theme.symbols.spark, theme.symbols.outage);
	const color = last === null ? undefined : (last.ok ? tint(theme, 'green') : tint(theme, 'red'));
	return (
		<Box flexDirection="column" width={width} height={1 + sparklineRows}>
			<PanelTitle title="Health" facts={facts} width={width} color={color}/>
			{sparklineRows > 0 && (
				<Line spans={[
					{text: label, dimColor: true},
					// One span for each stretch of checks drawn alike, not one for each check.
					...sparkRuns(cells).map(run => ({text: run.text, color: run.outage ? tint(theme, 'red') : tint(theme, 'cyan')})),
					{text: cells.length === 0 ? 'no checks yet' : '', dimColor: true},
				]}/>
			)}
		</Box>
	);
}

function describeFailure(failure: RequestFailure): string {
	return `${describeKind(failure.kind)}${failure.status ? ` ${failure.status}` : ''}`;
}

/** When the current outage began: its first failed check (as the Connected headline counts it). */
function outageStart(health: HealthSnapshot): number {
	return health.history.at(-health.consecutiveFailures)?.at ?? health.history[0]?.at ?? health.last?.at ?? 0;
}
