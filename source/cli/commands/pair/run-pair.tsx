import process from 'node:process';
import {systemClock} from '../../../core/clock.js';
import {IdentityStateFile} from '../../../core/state/identity-state-file.js';
import {CredentialsFile} from '../../../core/token/credentials-store.js';
import {DevicePairing} from '../../../core/token/device-pairing.js';
import {writePairingNdjson} from '../../../output/ndjson/pairing-ndjson.js';
import {statePathFor} from '../../options/token-origin.js';
import {waitForSignal} from '../../wait-for-signal.js';
import type {PairCommand} from './pair-flags.js';

/**
`c2c-status pair`: the device-code flow, on a terminal as a full screen (then, on Enter, the monitor
with the new credentials), otherwise as NDJSON lines. Exit 0 when paired; 1 when the code expired, was
refused, or Frame.io could not be reached.
*/
export async function runPair(command: PairCommand, stdout: NodeJS.WriteStream = process.stdout): Promise<number> {
	const pairing = createPairing(command);
	if (command.json || !stdout.isTTY) {
		return runPairNdjson(pairing, stdout);
	}

	process.env.NODE_ENV ??= 'production';
	const {runPairScreen} = await import('./run-pair-screen.js');
	return runPairScreen(command, pairing);
}

export function createPairing(command: PairCommand): DevicePairing {
	const statePath = statePathFor(process.env, command.apiUrl, {kind: 'credentials', path: command.credentialsPath});
	return new DevicePairing({
		clock: systemClock,
		apiUrl: command.apiUrl,
		clientVersion: command.clientVersion,
		client: command.client,
		store: new CredentialsFile(command.credentialsPath),
		...(statePath === undefined ? {} : {remember: async identity => new IdentityStateFile(statePath).rememberPairing(identity)}),
	});
}

async function runPairNdjson(pairing: DevicePairing, stdout: NodeJS.WriteStream): Promise<number> {
	const stopWriting = writePairingNdjson(pairing, stdout);
	const signal = waitForSignal();
	pairing.start();
	const ended = await Promise.race([pairing.settled(), signal.promise]);
	signal.cancel();
	pairing.stop();
	stopWriting();
	return typeof ended === 'object' && ended.phase === 'paired' ? 0 : 1;
}
