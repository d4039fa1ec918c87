import {Box, Text} from 'ink';
import type {DerivedStatus} from '../../../core/derive-status.js';
import {formatDuration, formatMs} from '../../format/format.js';
import SafeText from '../../shared/SafeText.js';
import {fitToWidth} from '../../format/text-width.js';
import {connectedHeadline, pausedHeadline, rawStatusMeaning, type Headline} from '../../shared/status-words.js';
import useTheme from '../../shared/use-theme.js';

/** The identity confirms Paused every minute; older evidence than this is called out. */
const staleEvidenceMs = 2 * 60_000;

type Props = {
	readonly status: DerivedStatus;
	readonly latencyMs: number | null;
	readonly now: number;
	readonly detail: number;
	/** When the identity on screen was fetched, if the last run left it and no fresh fetch has replaced it yet. */
	readonly lastRunIdentityAt?: number | null;
};

/** The headline: Paused and Connected, each as a symbol, a word and a colour, with how long and from where. */
export default function StatusPanel({status, latencyMs, now, detail, lastRunIdentityAt = null}: Props) {
	const theme = useTheme();
	const {paused, connected, identityStatus} = status;
	const {separator} = theme.symbols;
	const evidenceAge = paused.evidenceAt === null ? 0 : now - paused.evidenceAt;
	const unconfirmed = evidenceAge > staleEvidenceMs ? ` ${separator} last confirmed ${formatDuration(evidenceAge)} ago` : '';
	const pausedFacts = paused.value === null
		? 'waiting for the identity or a status event'
		: `for ${formatDuration(now - (paused.since ?? now))} ${separator} from ${describeSource(paused.source, lastRunIdentityAt, now)}${unconfirmed}`;
	const connectedFacts = connected.value === null
		? 'first /health check pending'
		: `for ${formatDuration(now - (connected.since ?? now))} ${separator} /health ${connected.value ? `ok ${formatMs(latencyMs)}` : 'failing'}`;
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

/** Where Paused came from; an identity the last run left is said to be one, with its age. */
function describeSource(source: DerivedStatus['paused']['source'], lastRunIdentityAt: number | null, now: number): string {
	if (source === 'event') {
		return 'a status_updated event';
	}

	return lastRunIdentityAt === null ? 'the identity' : `the last run's identity, ${formatDuration(now - lastRunIdentityAt)} ago`;
}

function HeadlineLine({label, headline, facts}: {readonly label: string; readonly headline: Headline; readonly facts: string}) {
	return (
		<Text wrap="truncate-end">
			<Text bold color={headline.color}>{`${fitToWidth(headline.symbol, 2)} ${label}: ${headline.word}`}</Text>
			<Text dimColor>{`  ${facts}`}</Text>
		</Text>
	);
}
