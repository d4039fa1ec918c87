import {Box} from 'ink';
import type {DerivedStatus} from '../../../core/derive-status.js';
import type {IdentitySnapshot} from '../../../core/identity/identity-poller.js';
import {formatDuration, formatMs} from '../../format/format.js';
import {displayWidth, fitToWidth} from '../../format/text-width.js';
import {connectedHeadline, isPausedUnconfirmed, pausedHeadline, rawStatusMeaning} from '../../shared/status-words.js';
import Line from '../../shared/Line.js';
import useScreenText from '../../shared/use-screen-text.js';
import useTheme from '../../shared/use-theme.js';
import {pausedFacts, unconfirmedNote} from './paused-words.js';

type Props = {
	readonly status: DerivedStatus;
	readonly latencyMs: number | null;
	readonly now: number;
	readonly detail: number;
	/** Cells a line may take (the unconfirmed note is fitted to it). */
	readonly width?: number;
	/** Where the identity on screen came from and when it was fetched: an identity the last run left is said to be one. */
	readonly identity?: Pick<IdentitySnapshot, 'origin' | 'fetchedAt'> | undefined;
};

/**
The headline: Paused and Connected, each as a symbol, a word and a colour, with how long and what
confirmed it last. A Paused that nothing confirms now keeps its last value but says so at once, in its
own symbol and colour, with why and when it was last confirmed (issue 15).
*/
export default function StatusPanel({status, latencyMs, now, detail, width = Number.POSITIVE_INFINITY, identity}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const {connected, identityStatus} = status;
	const {separator} = theme.symbols;
	const context = {now, separator, identity, screenText};
	const paused = pausedHeadline(status, theme);
	const pausedHead = headText(paused.symbol, 'Paused', paused.word);
	const facts = pausedFacts(status, context);
	const note = isPausedUnconfirmed(status) ? unconfirmedNote(status.confidence, width - displayWidth(pausedHead) - 1, context) : undefined;
	// Beside an unconfirmed note, how long and from where only when they fit whole: the note matters more.
	const showFacts = note === undefined || displayWidth(`${pausedHead} ${note}  ${facts}`) <= width;
	const connectedWords = connectedHeadline(status, theme);
	const connectedFacts = connected.value === null
		? 'first /health check pending'
		: `for ${formatDuration(now - (connected.since ?? now))} ${separator} /health ${connected.value ? `ok ${formatMs(latencyMs)}` : 'failing'}`;
	return (
		<Box flexDirection="column" height={2 + detail}>
			<Line spans={[
				{text: pausedHead, bold: true, color: paused.color},
				{text: note === undefined ? '' : ` ${note}`, color: paused.color},
				{text: showFacts ? `  ${facts}` : '', dimColor: true},
			]}/>
			<Line spans={[
				{text: headText(connectedWords.symbol, 'Connected', connectedWords.word), bold: true, color: connectedWords.color},
				{text: `  ${connectedFacts}`, dimColor: true},
			]}/>
			{detail > 0 && (
				<Line spans={[{
					text: identityStatus ? `  raw identity status: ${identityStatus.value ?? 'missing'} (${rawStatusMeaning(identityStatus.value)})` : '  raw identity status: not fetched yet',
					dimColor: true,
				}]}/>
			)}
		</Box>
	);
}

/** "‖  Paused: yes": the symbol in two cells, so the labels line up whatever the symbol. */
function headText(symbol: string, label: string, word: string): string {
	return `${fitToWidth(symbol, 2)} ${label}: ${word}`;
}
