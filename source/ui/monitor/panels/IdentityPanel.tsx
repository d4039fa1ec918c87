import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {IdentitySnapshot} from '../../../core/identity/identity-poller.js';
import type {TokenSnapshot} from '../../../core/token/token-source.js';
import Field from '../../shared/Field.js';
import PanelTitle, {titleFactRoom} from '../../shared/PanelTitle.js';
import Line from '../../shared/Line.js';
import {wrapToWidth} from '../../format/text-width.js';
import {tint} from '../../shared/theme.js';
import useScreenText from '../../shared/use-screen-text.js';
import useTheme from '../../shared/use-theme.js';
import {tokenProblem, tokenRowText, type TokenProblem} from './token-words.js';
import {describeFetch, describeIdentityProblem, identityFacts} from './identity-words.js';
import {chooseCompactRows, chooseRows, type CompactRow, type IdentityRow} from './identity-rows.js';
import {identityMark} from './identity-mark.js';

type Props = {
	readonly identity: IdentitySnapshot;
	readonly token: TokenSnapshot;
	readonly now: number;
	readonly width: number;
	readonly lines: number;
};

/** Cells of the label column (Field's). */
const labelWidth = 11;

/**
Who and what the device is connected to, from GET /v2/devices/me, and when it is fetched next; where
its token comes from and, for credentials kept alive here, when the token expires and is refreshed.
Problems come reason first: the token's (red when someone must act) before the identity's.
*/
export default function IdentityPanel({identity: snapshot, token, now, width, lines}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const {separator, warning} = theme.symbols;
	const words = {now, separator, warningMark: warning, screenText};
	const facts = identityFacts(snapshot, now, separator);
	const fetched = describeFetch(snapshot, now, separator);
	const authError = snapshot.error?.kind === 'auth';
	const problem = describeIdentityProblem(snapshot, warning, now);
	const problemLine = problem ? <Line key="problem" spans={[{text: problem, color: tint(theme, authError ? 'red' : 'yellow')}]}/> : undefined;
	const trouble = tokenProblem(token, width, words);
	const troubleColor = trouble ? tint(theme, trouble.color) : undefined;
	const troubleLine = (text: string | undefined, key: string) => text ? <Line key={key} spans={[{text, color: troubleColor}]}/> : undefined;
	const mark = identityMark(snapshot, now, titleFactRoom('Identity', width));
	const markColor = tint(theme, mark?.alarm && (authError || token.error) ? 'red' : 'yellow');
	let body: ReactElement[];
	if (lines <= 2) {
		const rows: Partial<Record<CompactRow, ReactElement>> = {
			summary: <Line key="summary" spans={[{text: facts.summary}]}/>,
			fetched: <Line key="fetched" spans={[{text: `fetched ${fetched}`}]}/>,
			'token-problem': troubleLine(trouble?.line, 'token-problem'),
			problem: problemLine,
		};
		body = chooseCompactRows(snapshot.identity !== null, present(rows), lines).map(row => rows[row]!);
	} else {
		// With a line to spare a token problem takes two, so half a panel at 80 columns says why, and when it is tried again.
		const [first, ...more] = wrappedProblem(trouble, width);
		const rows: Partial<Record<IdentityRow, ReactElement>> = {
			project: <Field key="project" label="Project">{facts.project}</Field>,
			// The name alone: "Paired by" fits the label column, so nothing of the label spills into the value.
			paired: <Field key="paired" label="Paired by">{facts.creator}</Field>,
			expires: <Field key="expires" label="Expires">{facts.expires}</Field>,
			token: <Field key="token" label="Token">{tokenRowText(token, width - labelWidth, words)}</Field>,
			fetched: <Field key="fetched" label="Fetched">{fetched}</Field>,
			// The device's name is in the title bar; here its id, which the socket's topic uses.
			device: <Field key="device" label="Device id">{facts.device}</Field>,
			'token-problem': troubleLine(trouble?.line, 'token-problem'),
			'token-problem-more': troubleLine(more.join(' '), 'token-problem-more'),
			problem: problemLine,
		};
		const kept = chooseRows({hasIdentity: snapshot.identity !== null, owned: token.refresh !== null, tokenProblem: trouble?.color}, present(rows), lines);
		if (kept.includes('token-problem-more')) {
			// Both lines shown: the text wrapped, whole words on each.
			rows['token-problem'] = troubleLine(first, 'token-problem');
		}

		body = kept.map(row => rows[row]!);
	}

	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflowY="hidden">
			<PanelTitle title="Identity" facts={[mark?.text]} width={width} color={markColor}/>
			{body}
		</Box>
	);
}

function wrappedProblem(trouble: TokenProblem | undefined, width: number): string[] {
	return trouble ? wrapToWidth(trouble.text, width) : [];
}

/** The rows that have something to draw. */
function present<Row extends string>(rows: Partial<Record<Row, ReactElement>>): Set<Row> {
	return new Set((Object.keys(rows) as Row[]).filter(row => rows[row] !== undefined));
}
