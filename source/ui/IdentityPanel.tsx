import {Box} from 'ink';
import type {IdentitySnapshot} from '../core/identity/identity-poller.js';
import type {TokenSnapshot} from '../core/token/token-store.js';
import Field from './Field.js';
import {ago, countdown, formatDuration, formatExpiry} from './format.js';
import PanelTitle from './PanelTitle.js';
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

/** Who and what the device is connected to, from GET /v2/devices/me, and when it is fetched next. */
export default function IdentityPanel({identity: snapshot, token, now, width, lines}: Props) {
	const theme = useTheme();
	const {identity, error} = snapshot;
	const unknown = identity ? 'not in the identity' : '-';
	const {symbols: {separator}} = theme;
	const marker = snapshot.stale && snapshot.fetchedAt !== null
		? `STALE ${formatDuration(now - snapshot.fetchedAt)}`
		: (error ? 'ERROR' : undefined);
	const problem = describeProblem(snapshot, token, theme);
	const problemColor = error?.kind === 'auth' || token.error ? tint(theme, 'red') : tint(theme, 'yellow');
	const fetched = describeFetch(snapshot, now, separator);
	// The device's name is in the title bar; here its id, which the socket's topic uses.
	const device = identity ? identity.id : '-';
	const expires = identity ? formatExpiry(identity.expiresAt, now) : unknown;
	// Most important first: what is cut when rows are short.
	const body = lines <= 2
		? [
			<SafeText key="a">{identity ? `${identity.projectName ?? unknown} ${separator} by ${identity.creatorName ?? unknown} ${separator} expires ${expires}` : 'no identity yet'}</SafeText>,
			problem ? <SafeText key="b" color={problemColor}>{problem}</SafeText> : <SafeText key="b">{`fetched ${fetched}`}</SafeText>,
		]
		: [
			<Field key="project" label="Project">{identity?.projectName ?? unknown}</Field>,
			<Field key="creator" label="Authorized">{identity ? `by ${identity.creatorName ?? unknown}` : unknown}</Field>,
			<Field key="fetched" label="Fetched">{fetched}</Field>,
			problem ? <SafeText key="problem" color={problemColor}>{problem}</SafeText> : <Field key="device" label="Device id">{device}</Field>,
			<Field key="expires" label="Expires">{expires}</Field>,
		].slice(0, lines);
	const order = ['project', 'creator', 'expires', 'fetched', 'problem', 'device', 'a', 'b'];
	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflow="hidden">
			<PanelTitle title="Identity" facts={[marker]} width={width} color={marker ? problemColor : undefined}/>
			{body.sort((left, right) => order.indexOf(String(left.key)) - order.indexOf(String(right.key)))}
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

function describeProblem(snapshot: IdentitySnapshot, token: TokenSnapshot, theme: Theme): string | undefined {
	const mark = theme.symbols.warning;
	if (snapshot.error) {
		return `${mark} ${snapshot.error.message}`;
	}

	if (token.error) {
		return `${mark} token file: ${token.error} (still using the last token)`;
	}

	return snapshot.problems.length > 0 ? `${mark} ${snapshot.problems.length} field problem(s): ${snapshot.problems.join('; ')}` : undefined;
}
