import type {Client} from './auth-endpoints.js';
import {type Credentials, CredentialsError} from './credentials-file.js';
import type {ClientCredentials} from './token-source.js';
import {maxRememberedSecrets} from './watched-token.js';

/**
The pair an owned source holds, and what it remembers of the pairs before it: every secret it has held
(to keep out of all output), and the refresh tokens it gave up, which are never taken back from the file
(they are spent, or belong to a pairing that was replaced: pair-order.ts).
*/
export class HeldPair {
	#credentials: Credentials | undefined;
	#client: Client | undefined;
	#seen: readonly string[] = [];
	readonly #retired = new Set<string>();

	get credentials(): Credentials | undefined {
		return this.#credentials;
	}

	/** The client id and secret a refresh sends (set at load). */
	get client(): Client | undefined {
		return this.#client;
	}

	set client(client: Client) {
		this.#client = client;
		this.#remember(client.clientSecret);
	}

	get retired(): ReadonlySet<string> {
		return this.#retired;
	}

	/** Every secret held so far: the same array until one is added. */
	get secrets(): readonly string[] {
		return this.#seen;
	}

	/** Holds `credentials` from now on; the refresh token it replaces is retired. */
	accept(credentials: Credentials): void {
		const previous = this.#credentials;
		if (previous && previous.refreshToken !== credentials.refreshToken) {
			this.#retired.add(previous.refreshToken);
			if (this.#retired.size > maxRememberedSecrets) {
				this.#retired.delete(this.#retired.values().next().value!);
			}
		}

		this.#credentials = credentials;
		this.#remember(credentials.accessToken, credentials.refreshToken);
	}

	#remember(...secrets: string[]): void {
		const added = secrets.filter(secret => secret !== '' && !this.#seen.includes(secret));
		if (added.length > 0) {
			this.#seen = [...this.#seen, ...added].slice(-maxRememberedSecrets);
		}
	}
}

/** The client a refresh sends: given apart from the file (environment, a secret file), else the file's own. */
export function clientOf(credentials: Credentials, override: ClientCredentials, label: string): Client {
	const clientId = override.clientId ?? credentials.clientId;
	const clientSecret = override.clientSecret ?? credentials.clientSecret;
	if (clientSecret === undefined) {
		const why = 'keep no client secret, and none was given: set FRAMEIO_CLIENT_SECRET or --client-secret-file, which a refresh needs';
		throw new CredentialsError(`the credentials in ${label} ${why}`, 'malformed');
	}

	return {clientId, clientSecret};
}
