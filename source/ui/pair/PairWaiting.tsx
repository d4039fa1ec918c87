import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ReactElement} from 'react';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';
import {countdown, formatDuration} from '../format/format.js';
import SafeText from '../shared/SafeText.js';
import {firstThatFits} from '../format/text-width.js';
import {tint} from '../shared/theme.js';
import useScreenText from '../shared/use-screen-text.js';
import useTheme from '../shared/use-theme.js';
import QrCode from './QrCode.js';
import {qrLines} from './qr-lines.js';
import {planWaiting, qrGap, type WaitingPiece} from './pair-waiting-plan.js';
import BigCode from './BigCode.js';

type Waiting = Extract<PairingSnapshot, {phase: 'waiting'}>;

type Props = {
	readonly pairing: Waiting;
	readonly now: number;
	/** Cells and lines for the body, between the title and the keys line. */
	readonly width: number;
	readonly height: number;
};

/** Under this the countdown turns yellow: time to hurry, or to get ready for a new code. */
const hurryMs = 30_000;

/**
The code to enter and where, large; a QR code of the address with the code in it when it fits; and
while a person does that, the countdown to the code's expiry, the polls, and the last network error.
*/
export default function PairWaiting({pairing, now, width, height}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const {separator, warning} = theme.symbols;
	const code = screenText(pairing.userCode);
	const address = screenText(pairing.verificationUri);
	const qr = pairing.verificationUriComplete ? qrLines(pairing.verificationUriComplete) : undefined;
	const plan = planWaiting({width, height, code, address, hasError: pairing.lastError !== null, qr, ascii: theme.ascii});
	const hurry = pairing.expiresAt - now < hurryMs;
	// The spinner and a space take two cells; the countdown is kept whole before the words around it.
	const expiry = `code expires ${countdown(pairing.expiresAt, now)}`;
	const status = firstThatFits([`waiting for approval ${separator} ${expiry}`, `waiting ${separator} ${expiry}`, expiry], plan.columnWidth - 2);
	const polls = pairing.polls === 0
		? `first check ${pollCountdown(pairing.nextPollAt, now)}`
		: `checked ${pairing.polls} time${pairing.polls === 1 ? '' : 's'}, every ${formatDuration(pairing.intervalMs)} ${separator} next ${pollCountdown(pairing.nextPollAt, now)}`;
	const pieces: Record<WaitingPiece, ReactElement | undefined> = {
		'gap-top': <Box key="gap-top" height={1}/>,
		address: <AddressLines key="address" lines={plan.addressLines}/>,
		how: <Lines key="how" lines={plan.howLines}/>,
		'gap-code': <Box key="gap-code" height={1}/>,
		big: <BigCode key="big" code={code} scale={plan.scale}/>,
		code: (
			<Text key="code" wrap="truncate-end">
				<Text dimColor>code </Text>
				<SafeText bold>{code}</SafeText>
			</Text>
		),
		'gap-status': <Box key="gap-status" height={1}/>,
		status: (
			<Text key="status" wrap="truncate-end" color={hurry ? tint(theme, 'yellow') : undefined}>
				<Spinner type={theme.spinner}/>
				{` ${status}`}
			</Text>
		),
		polls: <Text key="polls" dimColor wrap="truncate-end">{polls}</Text>,
		error: pairing.lastError === null
			? undefined
			: <SafeText key="error" color={tint(theme, 'yellow')}>{`${warning} network: ${pairing.lastError}, still polling`}</SafeText>,
		'qr-hint': <Lines key="qr-hint" dim lines={plan.qrHintLines}/>,
	};
	const header: readonly WaitingPiece[] = ['gap-top', 'address', 'how'];
	const shown = (keys: readonly WaitingPiece[]) => keys.filter(key => plan.keep.has(key)).map(key => pieces[key]);
	const column = shown(['gap-code', 'big', 'code', 'gap-status', 'status', 'polls', 'error', 'qr-hint']);
	if (!plan.qrShown || qr === undefined) {
		return <Box flexDirection="column" width={width}>{shown(header)}{column}</Box>;
	}

	return (
		<Box flexDirection="column" width={width}>
			{shown(header)}
			<Box flexDirection="row">
				<Box flexDirection="column" width={plan.columnWidth} flexShrink={0}>{column}</Box>
				<Box width={qrGap} flexShrink={0}/>
				<QrCode lines={qr}/>
			</Box>
		</Box>
	);
}

/** "Go to https://…", the address bold: it is what a person types. The lines are made safe already; SafeText keeps them so. */
function AddressLines({lines}: {readonly lines: readonly string[]}) {
	const theme = useTheme();
	const prefix = 'Go to ';
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines of one address, in order
				<Text key={index} wrap="truncate-end">
					{index === 0 && line.startsWith(prefix) ? prefix : ''}
					<SafeText bold color={tint(theme, 'cyan')}>{index === 0 && line.startsWith(prefix) ? line.slice(prefix.length) : line}</SafeText>
				</Text>
			))}
		</Box>
	);
}

/** Lines already made safe and wrapped to the width. */
function Lines({lines, dim = false}: {readonly lines: readonly string[]; readonly dim?: boolean}) {
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines of one wrapped text, in order
				<Text key={index} dimColor={dim} wrap="truncate-end">{line}</Text>
			))}
		</Box>
	);
}

/** "in 3s", or "now" while a poll is under way. */
function pollCountdown(at: number | null, now: number): string {
	return at === null ? 'now' : countdown(at, now);
}
