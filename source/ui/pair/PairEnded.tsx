import {Box} from 'ink';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';
import SafeText from '../shared/SafeText.js';
import {wrapToWidth} from '../format/text-width.js';
import {tint} from '../shared/theme.js';
import useScreenText from '../shared/use-screen-text.js';
import useTheme from '../shared/use-theme.js';

type Ended = Extract<PairingSnapshot, {phase: 'expired' | 'failed'}>;

type Props = {
	readonly pairing: Ended;
	readonly width: number;
};

/** A code that expired unused, or pairing refused for good: what happened, in plain words (the keys line says what can be done). */
export default function PairEnded({pairing, width}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const mark = theme.symbols.disconnected;
	const [headline, detail] = pairing.phase === 'expired'
		? [`${mark} The code ${screenText(pairing.userCode)} expired`, 'Nobody entered it in Frame.io in time. A new code can be asked for.']
		: [`${mark} Pairing failed (${screenText(pairing.code)})`, screenText(pairing.message)];
	return (
		<Box flexDirection="column" width={width}>
			<Box height={1}/>
			<SafeText bold color={tint(theme, 'red')}>{headline}</SafeText>
			{wrapToWidth(detail, width).map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key -- lines of one wrapped text, in order
				<SafeText key={index}>{line}</SafeText>
			))}
		</Box>
	);
}
