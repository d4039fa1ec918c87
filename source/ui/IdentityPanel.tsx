import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {IdentitySnapshot} from '../core/identity/identity-poller.js';
import type {TokenSnapshot} from '../core/token/token-store.js';
import Field from './Field.js';
import {ago, countdown, formatExpiry} from './format.js';
import {identityMark} from './identity-mark.js';
import PanelTitle, {titleFactRoom} from './PanelTitle.js';
import SafeText from './SafeText.js';
import {tint, type Theme} from './theme.js';
import useTheme from './use-theme.js';

type Props = {
	readonly identity: IdentitySnapshot;
	readonly token: TokenSnapshot;
	readonly now: number;
	readonly width: number;
	readonly lines: number;
};

type Row = 'project' | 'paired' | 'expires' | 'fetched' | 'problem' | 'device';

/** The order rows are drawn in. */
const rowOrder: readonly Row[] = ['project', 'paired', 'expires', 'fetched', 'problem', 'device'];

/**
Which rows stay when lines are short, most important first: what the device is connected to, who
paired it and when that ends (Frame.io's guide asks for authorization.expires_at), then why the
identity may be wrong or when it was fetched; the device id last. With no identity yet, the problem
and the next fetch are all there is to say.
*/
function rowPriority(hasIdentity: boolean): readonly Row[] {
	return hasIdentity
		? ['project', 'paired', 'expires', 'problem', 'fetched', 'device']
		: ['problem', 'fetched', 'project', 'paired', 'expires', 'device'];
}

/** Who and what the device is connected to, from GET /v2/devices/me, and when it is fetched next. */
export default function IdentityPanel({identity: snapshot, token, now, width, lines}: Props) {
	const theme = useTheme();
	const {identity, error} = snapshot;
	const unknown = identity ? 'not in the identity' : '-';
	const {symbols: {separator}} = theme;
	const problem = describeProblem(snapshot, token, theme, now);
	const problemColor = error?.kind === 'auth' || token.error ? tint(theme, 'red') : tint(theme, 'yellow');
	const mark = identityMark(snapshot, now, titleFactRoom('Identity', width));
	const markColor = mark?.alarm ? problemColor : tint(theme, 'yellow');
	const fetched = describeFetch(snapshot, now, separator);
	const expires = identity ? formatExpiry(identity.expiresAt, now) : unknown;
	let body: ReactElement[];
	if (lines <= 2) {
		body = [
			<SafeText key="a">{identity ? `${identity.projectName ?? unknown} ${separator} by ${identity.creatorName ?? unknown} ${separator} expires ${expires}` : 'no identity yet'}</SafeText>,
			problem ? <SafeText key="b" color={problemColor}>{problem}</SafeText> : <SafeText key="b">{`fetched ${fetched}`}</SafeText>,
		];
	} else {
		const rows: Partial<Record<Row, ReactElement>> = {
			project: <Field key="project" label="Project">{identity?.projectName ?? unknown}</Field>,
			// The name alone: "Paired by" fits the label column, so nothing of the label spills into the value.
			paired: <Field key="paired" label="Paired by">{identity ? identity.creatorName ?? unknown : unknown}</Field>,
			expires: <Field key="expires" label="Expires">{expires}</Field>,
			fetched: <Field key="fetched" label="Fetched">{fetched}</Field>,
			// The device's name is in the title bar; here its id, which the socket's topic uses.
			device: <Field key="device" label="Device id">{identity ? identity.id : '-'}</Field>,
			...(problem ? {problem: <SafeText key="problem" color={problemColor}>{problem}</SafeText>} : {}),
		};
		const kept = new Set(rowPriority(identity !== null).filter(row => rows[row]).slice(0, lines));
		body = rowOrder.filter(row => kept.has(row)).map(row => rows[row]!);
	}

	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflow="hidden">
			<PanelTitle title="Identity" facts={[mark?.text]} width={width} color={markColor}/>
			{body}
		</Box>
	);
}

/** "12s ago · next in 48s", with a queued refresh or a fetch under way. */
function describeFetch(snapshot: IdentitySnapshot, now: number, separator: string): string {
	const when = snapshot.fetchedAt === null ? 'never' : ago(snapshot.fetchedAt, now);
	if (snapshot.phase === 'fetching') {
		return `${when} ${separator} fetching now`;
	}

	return `${when} ${separator} ${snapshot.refreshQueued ? 'queued, ' : 'next '}${countdown(snapshot.nextFetchAt, now)}`;
}

/** One line, what matters first: a half-width panel cuts its end. */
function describeProblem(snapshot: IdentitySnapshot, token: TokenSnapshot, theme: Theme, now: number): string | undefined {
	const {warning: mark, separator} = theme.symbols;
	const {error} = snapshot;
	if (error) {
		// A 429 says how long it asked for; what a person waits for is the next try.
		return error.kind === 'rate-limited' && snapshot.nextFetchAt !== null
			? `${mark} next try ${countdown(snapshot.nextFetchAt, now)}: ${error.message}`
			: `${mark} ${error.message}`;
	}

	if (token.error) {
		return `${mark} token file: ${token.error}, still using the last token ${separator} ${token.label}`;
	}

	return snapshot.problems.length > 0 ? `${mark} ${snapshot.problems.length} field problem(s): ${snapshot.problems.join('; ')}` : undefined;
}
