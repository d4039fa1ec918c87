import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';
import type {Redactor} from '../../core/token/redact.js';
import RedactContext from '../shared/RedactContext.js';
import SafeText from '../shared/SafeText.js';
import useNow from '../shared/use-now.js';
import useTerminalSize from '../shared/use-terminal-size.js';
import useTheme from '../shared/use-theme.js';
import useKeysActive from '../shared/use-keys-active.js';
import PairEnded from './PairEnded.js';
import {pairKeyHints} from './pair-keymap.js';
import PairPaired from './PairPaired.js';
import {screenChromeRows} from './pair-waiting-plan.js';
import PairWaiting from './PairWaiting.js';
import usePairKeys from './use-pair-keys.js';

export type PairScreenProps = {
	/** Where the pairing stands; the screen is drawn again with each new snapshot. */
	readonly pairing: PairingSnapshot;
	/** The API the device pairs with, for the title. */
	readonly apiUrl: string;
	/** The n key, once the code expired: ask for a new code. */
	readonly onNewCode: () => void;
	/** Enter, once paired: start monitoring. */
	readonly onStart: () => void;
	/** The q key or Ctrl+C, in every phase. */
	readonly onQuit: () => void;
	/** The clock for the countdowns (ticking once a second on its own). */
	readonly now?: () => number;
	/** Keeps secrets (the client secret, codes of the device) off the screen, whatever the server echoes. */
	readonly redact?: Redactor;
};

const noRedaction: Redactor = text => text;

/**
`c2c-status pair` in a terminal: the code to enter and where, large, with a QR code when it fits, the
countdown and the polls; then paired (and Enter starts monitoring), expired (n for a new code) or
failed. Never taller than the terminal less one line (Ink 6 clears the screen otherwise).
*/
export default function PairScreen({pairing, apiUrl, onNewCode, onStart, onQuit, now: clock = Date.now, redact = noRedaction}: PairScreenProps) {
	const theme = useTheme();
	const now = useNow(clock);
	const {columns, rows} = useTerminalSize();
	const keysActive = useKeysActive();
	usePairKeys(pairing, {'new-code': onNewCode, start: onStart, quit: onQuit});
	const width = Math.max(1, columns - 1);
	const height = Math.max(screenChromeRows, rows - 1);
	// Under the title: the body, a blank line and the keys.
	const body = height - screenChromeRows;
	const callToAction = pairing.phase === 'paired' || pairing.phase === 'expired';
	return (
		<RedactContext.Provider value={redact}>
			<Box flexDirection="column" width={width} height={height} overflow="hidden">
				<Text wrap="truncate-end">
					<Text bold>c2c-status pair</Text>
					<SafeText dimColor>{` ${theme.symbols.separator} ${apiUrl}`}</SafeText>
				</Text>
				<Box flexDirection="column" flexShrink={1} overflow="hidden">
					{pairing.phase === 'requesting' && <Requesting attempt={pairing.attempt}/>}
					{pairing.phase === 'waiting' && <PairWaiting pairing={pairing} now={now} width={width} height={body}/>}
					{pairing.phase === 'paired' && <PairPaired pairing={pairing} width={width}/>}
					{(pairing.phase === 'expired' || pairing.phase === 'failed') && <PairEnded pairing={pairing} width={width}/>}
				</Box>
				<Box height={1} flexShrink={0}/>
				<Box flexShrink={0}>
					{keysActive
						? <Text bold={callToAction} dimColor={!callToAction} wrap="truncate-end">{pairKeyHints(pairing.phase)}</Text>
						: <Text dimColor wrap="truncate-end">keys off: stdin is not a terminal (stop with Ctrl+C)</Text>}
				</Box>
			</Box>
		</RedactContext.Provider>
	);
}

function Requesting({attempt}: {readonly attempt: number}) {
	const theme = useTheme();
	return (
		<Box flexDirection="column">
			<Box height={1}/>
			<Text wrap="truncate-end">
				<Spinner type={theme.spinner}/>
				{` asking Frame.io for a pairing code${attempt > 1 ? ` (attempt ${attempt})` : ''}`}
			</Text>
		</Box>
	);
}
