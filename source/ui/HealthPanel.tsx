import {Box, Text} from 'ink';
import type {HealthSnapshot} from '../core/health/health-monitor.js';
import {describeKind} from '../core/http/request-failure.js';
import {ago, countdown, formatDuration, formatMs} from './format.js';
import PanelTitle from './PanelTitle.js';
import {sparkline} from './sparkline.js';
import {tint} from './theme.js';
import useTheme from './use-theme.js';

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
	const facts = last === null
		? ['first check pending']
		: [
			last.ok ? `ok ${formatMs(last.latencyMs)}` : `DOWN: ${last.failure ? `${describeKind(last.failure.kind)}${last.failure.status ? ` ${last.failure.status}` : ''}` : 'failed'}`,
			!last.ok ? `down for ${formatDuration(now - outageStart(health))}` : undefined,
			`checked ${ago(last.at, now)}`,
			`next ${countdown(health.nextCheckAt, now)}`,
		];
	const label = 'latency ';
	const cells = sparkline(health.history, Math.max(0, width - label.length - 1), theme.symbols.spark, theme.symbols.outage);
	const color = last === null ? undefined : (last.ok ? tint(theme, 'green') : tint(theme, 'red'));
	return (
		<Box flexDirection="column" width={width} height={1 + sparklineRows}>
			<PanelTitle title="Health" facts={facts} width={width} color={color}/>
			{sparklineRows > 0 && (
				<Text wrap="truncate-end">
					<Text dimColor>{label}</Text>
					{cells.map((cell, index) => (
						// eslint-disable-next-line react/no-array-index-key
						<Text key={index} color={cell.outage ? tint(theme, 'red') : tint(theme, 'cyan')}>{cell.char}</Text>
					))}
					{cells.length === 0 && <Text dimColor>no checks yet</Text>}
				</Text>
			)}
		</Box>
	);
}

/** When the current outage began: its first failed check (as the Connected headline counts it). */
function outageStart(health: HealthSnapshot): number {
	return health.history.at(-health.consecutiveFailures)?.at ?? health.history[0]?.at ?? health.last?.at ?? 0;
}
