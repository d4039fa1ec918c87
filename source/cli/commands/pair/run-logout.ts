import {rm} from 'node:fs/promises';
import process from 'node:process';
import {systemClock} from '../../../core/clock.js';
import {createApiClient} from '../../../core/http/api-client.js';
import {revokeToken} from '../../../core/token/auth-endpoints.js';
import {type Credentials, CredentialsError} from '../../../core/token/credentials-file.js';
import {CredentialsFile} from '../../../core/token/credentials-store.js';
import {describeError} from '../../../core/utils/describe-error.js';
import {writableTarget} from '../../../core/utils/write-file-atomic.js';
import {printable} from '../../../text/sanitize.js';
import {sameApi} from '../../options/api-url.js';
import {UsageError} from '../../usage-error.js';
import type {LogoutCommand} from './logout-flags.js';

/**
`c2c-status logout`: revokes the refresh token at Frame.io (`POST /v2/auth/revoke`), then deletes the
credentials file, under its lock so that a monitor refreshing at that moment cannot write it back. When
the revoke fails, the file stays unless --force. Nothing it prints holds a secret.
*/
export async function runLogout(command: LogoutCommand, out: NodeJS.WritableStream = process.stdout, errors: NodeJS.WritableStream = process.stderr): Promise<number> {
	const store = new CredentialsFile(command.credentialsPath);
	let credentials: Credentials | undefined;
	try {
		credentials = await store.read();
	} catch (error) {
		if (error instanceof CredentialsError && error.code === 'missing') {
			throw new UsageError(`there is nothing to log out of: no credentials file at ${command.credentialsPath}.`);
		}

		if (!command.force) {
			throw new UsageError(`${describeError(error)}; use --force to delete it without revoking.`);
		}
	}

	// The revoke goes to the API the credentials belong to: naming another is a mistake to say, not to act on.
	const {api} = command;
	if (credentials && api && !(URL.canParse(credentials.apiUrl) && sameApi(api.url, new URL(credentials.apiUrl)))) {
		const advice = `leave out ${api.named}, or name the API they were paired with`;
		throw new UsageError(`the credentials in ${printable(command.credentialsPath)} were paired with ${printable(credentials.apiUrl)}, not ${printable(api.url.href)}: ${advice}.`);
	}

	const revoked = credentials ? await revoke(command, credentials) : 'the credentials file could not be read, so nothing was revoked';
	if (revoked !== true && !command.force) {
		errors.write(`c2c-status logout: the revoke failed (${revoked}); ${command.credentialsPath} is kept. Try again, or use --force to delete it anyway.\n`);
		return 1;
	}

	// Through a symbolic link, the file it points to is deleted (it holds the secrets) and the link stays,
	// so that the next pairing writes through it again.
	await store.locked(async () => rm(await targetOf(command.credentialsPath), {force: true}));
	if (revoked === true) {
		out.write(`logged out: the refresh token is revoked and ${command.credentialsPath} is deleted\n`);
	} else {
		errors.write(`c2c-status logout: the revoke failed (${revoked}); ${command.credentialsPath} is deleted anyway (--force)\n`);
	}

	return 0;
}

/** True, or why not. */
async function revoke(command: LogoutCommand, credentials: Credentials): Promise<true | string> {
	const clientId = command.client.clientId ?? credentials.clientId;
	const clientSecret = command.client.clientSecret ?? credentials.clientSecret;
	if (clientSecret === undefined) {
		return 'no client secret: set FRAMEIO_CLIENT_SECRET or --client-secret-file';
	}

	const {open} = createApiClient({apiUrl: new URL(credentials.apiUrl), clientVersion: command.clientVersion});
	const result = await revokeToken({clock: systemClock, client: open}, {clientId, clientSecret}, credentials.refreshToken);
	if (result.ok) {
		return true;
	}

	const {error} = result;
	return error.kind === 'refused' ? error.message : error.failure.message;
}

async function targetOf(path: string): Promise<string> {
	try {
		return await writableTarget(path);
	} catch {
		return path;
	}
}
