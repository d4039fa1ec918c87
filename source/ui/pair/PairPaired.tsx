import {Box, Text} from 'ink';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';
import Field from '../shared/Field.js';
import SafeText from '../shared/SafeText.js';
import {truncateMiddle, wrapToWidth} from '../format/text-width.js';
import {tint} from '../shared/theme.js';
import useScreenText from '../shared/use-screen-text.js';
import useTheme from '../shared/use-theme.js';

type Paired = Extract<PairingSnapshot, {phase: 'paired'}>;

type Props = {
	readonly pairing: Paired;
	readonly width: number;
};

const labelWidth = 13;

/** Paired: to which project, approved by whom, and where the credentials were saved (the path cut in its middle, never its end). */
export default function PairPaired({pairing, width}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const {identity, identityError} = pairing;
	const unknown = 'not in the identity';
	return (
		<Box flexDirection="column" width={width}>
			<Box height={1}/>
			<Text bold color={tint(theme, 'green')} wrap="truncate-end">{`${theme.symbols.connected} Paired with Frame.io`}</Text>
			<Box height={1}/>
			{identity
				? (
					<>
						<Field label="Project" labelWidth={labelWidth}>{identity.projectName ?? unknown}</Field>
						<Field label="Approved by" labelWidth={labelWidth}>{identity.creatorName ?? unknown}</Field>
						<Field label="Device" labelWidth={labelWidth}>{identity.name ?? unknown}</Field>
					</>
				)
				: wrapToWidth(screenText(`${theme.symbols.warning} could not read the identity: ${identityError ?? 'no answer'} (monitoring fetches it again)`), width).map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key -- lines of one wrapped text, in order
					<SafeText key={index} color={tint(theme, 'yellow')}>{line}</SafeText>
				))}
			<Field label="Saved to" labelWidth={labelWidth}>{truncateMiddle(screenText(pairing.credentialsPath), width - labelWidth)}</Field>
		</Box>
	);
}
