import type {KyInstance} from 'ky';
import type {Clock, TimerHandle} from '../clock.js';
import {slowDownStepMs} from '../frameio-rules.js';
import {createApiClient} from '../http/api-client.js';
import {requestIdentity} from '../identity/identity-request.js';
import type {RememberedIdentity} from '../state/identity-state-file.js';
import {Store} from '../store.js';
import {describeError} from '../utils/describe-error.js';
import {tokenHash} from './token-hash.js';
import {type AuthFailure, type Client, type DeviceCode, pollDeviceToken, requestDeviceCode, type TokenPair} from './auth-endpoints.js';
import type {Credentials} from './credentials-file.js';
import type {CredentialsStore} from './credentials-store.js';
import type {PairingSnapshot} from './pairing-types.js';

export type DevicePairingOptions = {
	readonly clock: Clock;
	readonly apiUrl: URL;
	readonly clientVersion: string;
	readonly client: Client;
	/** Where the credentials go once paired (the credentials file). */
	readonly store: CredentialsStore;
	/** Keeps the identity fetched right after pairing, so the monitor started next stays within the 60 s rule. */
	readonly remember?: (identity: RememberedIdentity) => Promise<void>;
	readonly fetch?: typeof fetch;
};

/**
The device-code flow (RFC 8628), as `c2c-status pair` walks it: ask for a code, poll the token endpoint
every `interval` (5 s more after each slow_down) until someone approves the code in Frame.io, write the
credentials, then fetch the identity with the new token to say which project and who approved.
A network failure while polling is shown and polling goes on until the code expires.
*/
export class DevicePairing {
	readonly #options: DevicePairingOptions;
	readonly #api: KyInstance;
	readonly #store = new Store<PairingSnapshot>({phase: 'requesting', attempt: 0});
	readonly #settled: Array<(snapshot: PairingSnapshot) => void> = [];
	#timer: TimerHandle | undefined;
	#controller = new AbortController();
	#code: DeviceCode | undefined;
	#stopped = false;

	constructor(options: DevicePairingOptions) {
		this.#options = options;
		this.#api = createApiClient({apiUrl: options.apiUrl, clientVersion: options.clientVersion, ...(options.fetch ? {fetch: options.fetch} : {})}).open;
	}

	readonly subscribe = (listener: () => void) => this.#store.subscribe(listener);
	readonly getSnapshot = () => this.#store.getSnapshot();

	/** Asks for a code (again, after one expired or failed) and starts polling. */
	start(): void {
		const previous = this.#store.getSnapshot();
		this.#options.clock.clearTimeout(this.#timer);
		this.#controller.abort();
		this.#controller = new AbortController();
		this.#stopped = false;
		this.#set({phase: 'requesting', attempt: previous.phase === 'requesting' ? previous.attempt + 1 : 1});
		void this.#request(this.#controller.signal);
	}

	/** Resolves at the next end: paired, expired or failed. */
	async settled(): Promise<PairingSnapshot> {
		return new Promise(resolve => {
			this.#settled.push(resolve);
		});
	}

	stop(): void {
		this.#stopped = true;
		this.#options.clock.clearTimeout(this.#timer);
		this.#controller.abort();
	}

	async #request(signal: AbortSignal): Promise<void> {
		const {clock, client} = this.#options;
		const result = await requestDeviceCode({clock, client: this.#api, signal}, client);
		if (signal.aborted) {
			return;
		}

		if (!result.ok) {
			this.#end({phase: 'failed', ...failureWords(result.error)});
			return;
		}

		this.#code = result.value;
		const {userCode, verificationUri, verificationUriComplete, expiresAt, intervalMs} = result.value;
		this.#set({phase: 'waiting', userCode, verificationUri, verificationUriComplete, expiresAt, intervalMs, nextPollAt: null, polls: 0, lastError: null});
		this.#schedule(intervalMs);
	}

	#schedule(delay: number): void {
		const {clock} = this.#options;
		const snapshot = this.#store.getSnapshot();
		if (snapshot.phase !== 'waiting') {
			return;
		}

		const at = clock.now() + delay;
		if (at >= snapshot.expiresAt) {
			// The next poll would come after the code is gone: say so when it goes.
			this.#timer = clock.setTimeout(() => {
				this.#end({phase: 'expired', userCode: snapshot.userCode});
			}, Math.max(0, snapshot.expiresAt - clock.now()));
			this.#set({...snapshot, nextPollAt: null});
			return;
		}

		this.#timer = clock.setTimeout(() => {
			void this.#poll(this.#controller.signal);
		}, delay);
		this.#set({...snapshot, nextPollAt: at});
	}

	async #poll(signal: AbortSignal): Promise<void> {
		const {clock, client} = this.#options;
		const code = this.#code!;
		const result = await pollDeviceToken({clock, client: this.#api, signal}, client, code.deviceCode);
		const snapshot = this.#store.getSnapshot();
		if (signal.aborted || snapshot.phase !== 'waiting') {
			return;
		}

		const polled = {...snapshot, polls: snapshot.polls + 1, nextPollAt: null};
		if (result.ok) {
			this.#set({...polled, lastError: null});
			await this.#paired(result.value, signal);
			return;
		}

		const {error} = result;
		if (error.kind === 'failed') {
			// The network: nothing was decided, so keep polling until the code expires.
			this.#set({...polled, lastError: error.failure.message});
			this.#schedule(snapshot.intervalMs);
			return;
		}

		switch (error.code) {
			case 'authorization_pending': {
				this.#set({...polled, lastError: null});
				this.#schedule(snapshot.intervalMs);
				return;
			}

			case 'slow_down': {
				const intervalMs = snapshot.intervalMs + slowDownStepMs;
				this.#set({...polled, intervalMs, lastError: null});
				this.#schedule(intervalMs);
				return;
			}

			case 'expired_token': {
				this.#end({phase: 'expired', userCode: snapshot.userCode});
				return;
			}

			default: {
				this.#end({phase: 'failed', ...failureWords(error)});
			}
		}
	}

	async #paired(pair: TokenPair, signal: AbortSignal): Promise<void> {
		const {clock, client, apiUrl, store} = this.#options;
		const credentials: Credentials = {
			apiUrl: apiUrl.href.replace(/\/$/, ''), clientId: client.clientId, clientSecret: client.clientSecret,
			accessToken: pair.accessToken, refreshToken: pair.refreshToken, issuedAt: pair.issuedAt, expiresAt: pair.expiresAt, pairedAt: clock.now(), rotation: 0,
		};
		try {
			await store.locked(async () => store.write(credentials));
		} catch (error) {
			this.#end({phase: 'failed', code: 'not-saved', message: `paired, but the credentials could not be written to ${store.label}: ${describeError(error)}`});
			return;
		}

		// The guide: the identity right after any new authorization, to say which project and who approved.
		const {authorized} = createApiClient({
			apiUrl, clientVersion: this.#options.clientVersion, token: {getToken: () => pair.accessToken, rejected: async () => false},
			...(this.#options.fetch ? {fetch: this.#options.fetch} : {}),
		});
		const requestedAt = clock.now();
		const answer = await requestIdentity({clock, client: authorized, signal});
		if (answer.ok) {
			const remembered = {identity: answer.identity, problems: answer.problems, requestedAt, fetchedAt: clock.now(), tokenHash: tokenHash(pair.accessToken)};
			try {
				await this.#options.remember?.(remembered);
			} catch {}
		}

		this.#end({
			phase: 'paired', credentialsPath: store.label,
			identity: answer.ok ? answer.identity : null, identityError: answer.ok ? null : answer.failure.message,
		});
	}

	/** Replaces the snapshot whole: each phase has its own fields. */
	#set(snapshot: PairingSnapshot): void {
		this.#store.update(() => snapshot);
	}

	#end(snapshot: PairingSnapshot): void {
		if (this.#stopped) {
			return;
		}

		this.#options.clock.clearTimeout(this.#timer);
		this.#set(snapshot);
		for (const resolve of this.#settled.splice(0)) {
			resolve(snapshot);
		}
	}
}

function failureWords(error: AuthFailure): {readonly code: string; readonly message: string} {
	return error.kind === 'refused'
		? {code: error.code, message: error.message}
		: {code: error.failure.kind, message: `cannot reach Frame.io: ${error.failure.message}`};
}
