/** What replaces a secret anywhere it would otherwise be printed. */
export const redactedMarker = '[redacted]';

/**
Removes every secret from a piece of text, in each form it can take on the way out: as is, URL-encoded
(the socket URL's query) and form-encoded. Secrets shorter than 4 characters are still replaced.
*/
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (!secret) {
			continue;
		}

		for (const form of new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replaceAll('%20', '+'), JSON.stringify(secret).slice(1, -1)])) {
			result = result.split(form).join(redactedMarker);
		}
	}

	return result;
}

/** A function that strips the secrets known at the time of the call. */
export type Redactor = (text: string) => string;

export function createRedactor(getSecrets: () => Iterable<string | undefined>): Redactor {
	return text => redactSecrets(text, getSecrets());
}
