import {createHash} from 'node:crypto';

/**
A short, one-way fingerprint of a token: enough to tell two tokens apart, useless to anyone who reads it.
The state file keeps it to know which token an identity was fetched with, and a token from the environment
is known by it when its state file is chosen.
*/
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
