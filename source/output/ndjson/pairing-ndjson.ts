import type {Writable} from 'node:stream';
import type {DevicePairing} from '../../core/token/device-pairing.js';
import type {PairingSnapshot} from '../../core/token/pairing-types.js';

/**
`c2c-status pair` without a terminal: one JSON object per line, as the monitor writes them. `pairing`
when a code is ready (userCode, verificationUri, verificationUriComplete, expiresAt), `poll-failed`
while the network fails (polling goes on), then `paired` or `error`. Never a token or the secret.
*/
export function writePairingNdjson(pairing: Pick<DevicePairing, 'subscribe' | 'getSnapshot'>, out: Writable, now: () => number = Date.now): () => void {
	let previous: PairingSnapshot | undefined;
	const write = (line: Record<string, unknown>) => {
		out.write(`${JSON.stringify({time: new Date(now()).toISOString(), ...line})}\n`);
	};

	return pairing.subscribe(() => {
		const snapshot = pairing.getSnapshot();
		const line = lineFor(snapshot, previous);
		previous = snapshot;
		if (line) {
			write(line);
		}
	});
}

function lineFor(snapshot: PairingSnapshot, previous: PairingSnapshot | undefined): Record<string, unknown> | undefined {
	switch (snapshot.phase) {
		case 'waiting': {
			if (previous?.phase !== 'waiting' || previous.userCode !== snapshot.userCode) {
				const {userCode, verificationUri, verificationUriComplete, expiresAt} = snapshot;
				return {type: 'pairing', userCode, verificationUri, verificationUriComplete, expiresAt: new Date(expiresAt).toISOString()};
			}

			const failedNow = snapshot.lastError !== null && snapshot.polls !== previous.polls;
			return failedNow ? {type: 'poll-failed', error: snapshot.lastError, polls: snapshot.polls} : undefined;
		}

		case 'paired': {
			const {identity} = snapshot;
			return {
				type: 'paired', credentials: snapshot.credentialsPath, deviceId: identity?.id ?? null, deviceName: identity?.name ?? null,
				project: identity?.projectName ?? null, creator: identity?.creatorName ?? null, ...(snapshot.identityError ? {identityError: snapshot.identityError} : {}),
			};
		}

		case 'expired': {
			return {type: 'error', code: 'expired_token', message: `the code ${snapshot.userCode} expired before anyone approved it: run c2c-status pair again`};
		}

		case 'failed': {
			return {type: 'error', code: snapshot.code, message: snapshot.message};
		}

		case 'requesting': {
			return undefined;
		}
	}
}
