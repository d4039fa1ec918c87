/** What replaces a secret anywhere it would otherwise be printed. */
export const redactedMarker = '[redacted]';

/** Every form a secret can take on the way out: as is, URL-encoded (the socket URL's query), form-encoded, JSON-escaped. */
function formsOf(secret: string): string[] {
	return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replaceAll('%20', '+'), JSON.stringify(secret).slice(1, -1)])];
}

/** Removes every secret, in each of its forms, from a piece of text. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret) {
			for (const form of formsOf(secret)) {
				result = result.split(form).join(redactedMarker);
			}
		}
	}

	return result;
}

/** A function that strips the secrets known at the time of the call. */
export type Redactor = (text: string) => string;

/** A redactor over secrets that may change (a token file); the forms are worked out once per set of secrets. */
export function createRedactor(getSecrets: () => ReadonlyArray<string | undefined>): Redactor {
	let key = '';
	let forms: string[] = [];
	return text => {
		const secrets = getSecrets().filter((secret): secret is string => Boolean(secret));
		const currentKey = secrets.join('\u0000');
		if (currentKey !== key) {
			key = currentKey;
			forms = secrets.flatMap(secret => formsOf(secret));
		}

		let result = text;
		for (const form of forms) {
			if (result.includes(form)) {
				result = result.split(form).join(redactedMarker);
			}
		}

		return result;
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
