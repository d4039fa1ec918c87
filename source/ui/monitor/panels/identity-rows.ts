/** The rows the Identity panel can draw under its title when it has three lines or more. */
export type IdentityRow = 'project' | 'paired' | 'expires' | 'token' | 'fetched' | 'token-problem' | 'token-problem-more' | 'problem' | 'device';
/** With two lines or fewer: the identity on one line, then a problem or the fetch times. */
export type CompactRow = 'summary' | 'token-problem' | 'problem' | 'fetched';

/** The order rows are drawn in: the facts, then what is wrong, the device id last. */
const rowOrder: readonly IdentityRow[] = ['project', 'paired', 'expires', 'token', 'fetched', 'token-problem', 'token-problem-more', 'problem', 'device'];
const compactOrder: readonly CompactRow[] = ['summary', 'token-problem', 'problem', 'fetched'];

export type RowFacts = {
	/** An identity has been fetched (or was left by the last run). */
	readonly hasIdentity: boolean;
	/** This process keeps the token alive (c2c-status pair's credentials), so its life is worth a row. */
	readonly owned: boolean;
	/** How serious the token's problem is, if it has one: a red one's second line outranks the identity's own problem. */
	readonly tokenProblem: 'red' | 'yellow' | undefined;
};

/**
Which rows stay when lines are short, most important first. A problem with the token comes first of
all: until someone pairs again (or the token file is readable) nothing else on the screen gets
better. Then what the device is connected to, who paired it and when that ends (Frame.io's guide
asks for authorization.expires_at); a serious token problem's second line; why the identity may be
wrong; the token's own life (before the fetch times when this process keeps it alive, after them
when it is only watched); and the device id last (the socket's title has it too). With no identity
yet, the problems, the next fetch and the token are all there is to say.
*/
function rowPriority({hasIdentity, owned, tokenProblem}: RowFacts): readonly IdentityRow[] {
	const life: readonly IdentityRow[] = owned ? ['token', 'fetched'] : ['fetched', 'token'];
	if (!hasIdentity) {
		return ['token-problem', 'token-problem-more', 'problem', ...life, 'project', 'paired', 'expires', 'device'];
	}

	return tokenProblem === 'red'
		? ['token-problem', 'project', 'paired', 'expires', 'token-problem-more', 'problem', ...life, 'device']
		: ['token-problem', 'project', 'paired', 'expires', 'problem', ...life, 'token-problem-more', 'device'];
}

/** The rows to draw, in drawing order: of those `available`, the most important `lines`. */
export function chooseRows(facts: RowFacts, available: ReadonlySet<IdentityRow>, lines: number): IdentityRow[] {
	return keep(rowOrder, rowPriority(facts), available, lines);
}

/** The same for two lines or fewer. */
export function chooseCompactRows(hasIdentity: boolean, available: ReadonlySet<CompactRow>, lines: number): CompactRow[] {
	const priority: readonly CompactRow[] = hasIdentity ? ['token-problem', 'summary', 'problem', 'fetched'] : ['token-problem', 'problem', 'summary', 'fetched'];
	return keep(compactOrder, priority, available, lines);
}

function keep<Row extends string>(order: readonly Row[], priority: readonly Row[], available: ReadonlySet<Row>, lines: number): Row[] {
	const kept = new Set(priority.filter(row => available.has(row)).slice(0, Math.max(0, lines)));
	return order.filter(row => kept.has(row));
}
