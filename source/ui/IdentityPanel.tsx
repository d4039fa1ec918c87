import {Box} from 'ink';
import type {IdentitySnapshot} from '../core/identity-poller.js';
import Field from './Field.js';
import {ago, countdown, formatDuration, formatExpiry} from './format.js';
import PanelTitle from './PanelTitle.js';
import SafeText from './SafeText.js';
import {tint} from './theme.js';
import useTheme from './use-theme.js';

type Props = {
	readonly identity: IdentitySnapshot;
	readonly now: number;
	readonly width: number;
	readonly lines: number;
};

/** Who and what the device is connected to, from GET /v2/devices/me, and when it is fetched next. */
export default function IdentityPanel({identity: snapshot, now, width, lines}: Props) {
	const theme = useTheme();
	const {identity, error} = snapshot;
	const unknown = identity ? 'not in the identity' : '-';
	const next = snapshot.phase === 'fetching'
		? 'fetching…'
		: `next ${countdown(snapshot.nextFetchAt, now)}${snapshot.refreshQueued ? ' (refresh queued)' : ''}`;
	const facts = [
		snapshot.fetchedAt === null ? 'not fetched yet' : `fetched ${ago(snapshot.fetchedAt, now)}`,
		next,
		snapshot.stale && snapshot.fetchedAt !== null ? `STALE ${formatDuration(now - snapshot.fetchedAt)}` : undefined,
	];
	const problem = error
		? `${theme.symbols.warning} ${error.message}`
		: (snapshot.problems.length > 0 ? `${theme.symbols.warning} ${snapshot.problems.length} field problem(s): ${snapshot.problems.join('; ')}` : undefined);
	const problemColor = error?.kind === 'auth' ? tint(theme, 'red') : tint(theme, 'yellow');
	const device = identity ? `${identity.name ?? unknown} ${theme.symbols.separator} ${identity.id}` : '-';
	const body = lines <= 2
		? [
			<SafeText key="a">{identity ? `${identity.projectName ?? unknown} ${theme.symbols.separator} by ${identity.creatorName ?? unknown}` : 'no identity yet'}</SafeText>,
			problem ? <SafeText key="b" color={problemColor}>{problem}</SafeText> : <SafeText key="b">{`expires ${identity ? formatExpiry(identity.expiresAt, now) : '-'} ${theme.symbols.separator} ${device}`}</SafeText>,
		]
		: [
			<Field key="project" label="Project">{identity?.projectName ?? unknown}</Field>,
			<Field key="creator" label="Authorized">{identity ? `by ${identity.creatorName ?? unknown}` : unknown}</Field>,
			<Field key="expires" label="Expires">{identity ? formatExpiry(identity.expiresAt, now) : unknown}</Field>,
			...(problem ? [<SafeText key="problem" color={problemColor}>{problem}</SafeText>] : []),
			<Field key="device" label="Device">{device}</Field>,
		].slice(0, lines);
	return (
		<Box flexDirection="column" width={width} height={1 + lines} overflow="hidden">
			<PanelTitle title="Identity" facts={facts} width={width} color={snapshot.stale || error ? problemColor : undefined}/>
			{body}
		</Box>
	);
}
