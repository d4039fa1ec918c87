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

/** One pattern for every form of every secret, longest first (so a form that contains another wins). */
function patternFor(secrets: readonly string[]): RegExp | undefined {
	const forms = [...new Set(secrets.flatMap(secret => formsOf(secret)))].sort((a, b) => b.length - a.length);
	return forms.length === 0 ? undefined : new RegExp(forms.map(form => escapeRegExp(form)).join('|'), 'g');
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[$()*+.?[\\\]^{|}]/g, String.raw`\$&`);
}
