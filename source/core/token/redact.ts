/** What replaces a secret anywhere it would otherwise be printed. */
export const redactedMarker = '[redacted]';

/** Every form a secret can take on the way out: as is, URL-encoded (the socket URL's query), form-encoded, JSON-escaped. */
export function formsOf(secret: string): string[] {
	return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replaceAll('%20', '+'), JSON.stringify(secret).slice(1, -1)])];
}

/** Removes every secret, in each of its forms, from a piece of text. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
	const pattern = patternFor([...secrets].filter((secret): secret is string => secret !== undefined && secret !== ''));
	return pattern ? text.replace(pattern, redactedMarker) : text;
}

/** A function that strips the secrets known at the time of the call. */
export type Redactor = (text: string) => string;

/**
A redactor over secrets that change (a token file rewritten, a token refreshed). `getSecrets` must
return the same array until the secrets change: the search pattern is rebuilt only then, so the check
on every line is a single pass of one regular expression.
*/
export function createRedactor(getSecrets: () => readonly string[]): Redactor {
	let known: readonly string[] | undefined;
	let pattern: RegExp | undefined;
	return text => {
		const secrets = getSecrets();
		if (secrets !== known) {
			known = secrets;
			pattern = patternFor(secrets.filter(secret => secret !== ''));
		}

		return pattern ? text.replace(pattern, redactedMarker) : text;
	};
}

/**
A copy of a JSON-like value with every string redacted, and every key below the top level (the top
level is our own schema; deeper keys can come from the server). Numbers and structure are kept.
*/
export function redactValue(value: unknown, redact: Redactor, depth = 0): unknown {
	if (typeof value === 'string') {
		return redact(value);
	}

	if (Array.isArray(value)) {
		return value.map(item => redactValue(item, redact, depth + 1));
	}

	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([key, item]) => [depth === 0 ? key : redact(key), redactValue(item, redact, depth + 1)]));
	}

	return value;
}

/**
Secrets shorter than this are replaced only where they stand as a whole token. A real token is long
(a JWT, 40 random characters), but a test's, the emulator's or a person's own can be `it` or `demo`:
replaced everywhere, `it` would turn "identity" into "ident[redacted]y", and a hook's environment
would lose every variable whose value holds "demo".
*/
export const shortSecretLength = 8;

/**
Where a short secret may start: at the start, after a character that cannot continue a word (letters,
digits and `_` can), or after an escape that ends in one: `%20` (the socket URL's `Bearer%20<token>`),
or JSON's `\n` and `\u0022`.
*/
const tokenStart = String.raw`(?:^|[^A-Za-z0-9_]|%[0-9A-Fa-f]{2}|\\[bfnrt]|\\u[0-9A-Fa-f]{4})`;
/** Where a short secret may end: at the end, or before a character that cannot continue a word. */
const tokenEnd = '(?![A-Za-z0-9_])';

/**
One pattern for every form of every secret, longest first (so a form that contains another wins).
Short secrets match only as whole tokens: the literal comes first and the look behind it second, so
a line without the secret's text costs what it cost before (the engine scans for the literals alone).
*/
function patternFor(secrets: readonly string[]): RegExp | undefined {
	const forms = (list: readonly string[]) => [...new Set(list.flatMap(secret => formsOf(secret)))].sort((a, b) => b.length - a.length).map(form => escapeRegExp(form));
	const long = forms(secrets.filter(secret => secret.length >= shortSecretLength));
	const short = forms(secrets.filter(secret => secret.length < shortSecretLength));
	const alternatives = [...long, ...short.map(form => `${form}(?<=${tokenStart}${form})${tokenEnd}`)];
	return alternatives.length === 0 ? undefined : new RegExp(alternatives.join('|'), 'g');
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, String.raw`\$&`);
}
