import {Box, Text} from 'ink';
import type {DerivedStatus} from '../core/derive-status.js';
import {formatDuration, formatMs} from './format.js';
import SafeText from './SafeText.js';
import {connectedHeadline, pausedHeadline, rawStatusMeaning, type Headline} from './status-words.js';
import useTheme from './use-theme.js';

/** The identity confirms Paused every minute; older evidence than this is called out. */
const staleEvidenceMs = 2 * 60_000;

type Props = {
	readonly status: DerivedStatus;
	readonly latencyMs: number | null;
	readonly now: number;
	readonly detail: number;
};

/** The headline: Paused and Connected, each as a symbol, a word and a colour, with how long and from where. */
export default function StatusPanel({status, latencyMs, now, detail}: Props) {
	const theme = useTheme();
	const {paused, connected, identityStatus} = status;
	const evidenceAge = paused.evidenceAt === null ? 0 : now - paused.evidenceAt;
	const pausedFacts = paused.value === null
		? 'waiting for the identity or a status event'
		: `for ${formatDuration(now - (paused.since ?? now))} ${theme.symbols.separator} from ${paused.source === 'event' ? 'a status_updated event' : 'the identity'}${evidenceAge > staleEvidenceMs ? ` ${theme.symbols.separator} last confirmed ${formatDuration(evidenceAge)} ago` : ''}`;
	const connectedFacts = connected.value === null
		? 'first /health check pending'
		: `for ${formatDuration(now - (connected.since ?? now))} ${theme.symbols.separator} /health ${connected.value ? `ok ${formatMs(latencyMs)}` : 'failing'}`;
	return (
		<Box flexDirection="column" height={2 + detail}>
			<HeadlineLine label="Paused" headline={pausedHeadline(status, theme)} facts={pausedFacts}/>
			<HeadlineLine label="Connected" headline={connectedHeadline(status, theme)} facts={connectedFacts}/>
			{detail > 0 && (
				<SafeText dimColor>
					{identityStatus ? `  raw identity status: ${identityStatus.value ?? 'missing'} (${rawStatusMeaning(identityStatus.value)})` : '  raw identity status: not fetched yet'}
				</SafeText>
			)}
		</Box>
	);
}

function HeadlineLine({label, headline, facts}: {readonly label: string; readonly headline: Headline; readonly facts: string}) {
	return (
		<Text wrap="truncate-end">
			<Text bold color={headline.color}>{`${headline.symbol.padEnd(2)} ${label}: ${headline.word}`}</Text>
			<Text dimColor>{`  ${facts}`}</Text>
		</Text>
	);
}
