import {AuditRecorder} from '../../../source/emulator/audit/audit-recorder.js';
import type {AuditBreach, ClientVerdicts, RuleVerdict} from '../../../source/emulator/audit/audit-report.js';
import type {RuleId} from '../../../source/emulator/audit/audit-rules.js';
import {inspectFrame} from '../../../source/emulator/audit/frame-shape.js';
import type {
	CloseKind, Observation, PairingAnswer, Peer, RefreshObservation, TokenSource, TokenUse, UpgradeObservation,
} from '../../../source/emulator/audit/observation.js';

/** Scenario time: seconds after 2025-01-01T12:00:00.000Z, on plain numbers (no clock at all). */
export const t0 = Date.UTC(2025, 0, 1, 12, 0, 0);

export function at(seconds: number): number {
	return t0 + (seconds * 1000);
}

export function iso(seconds: number): string {
	return new Date(at(seconds)).toISOString();
}

export const device = 'cam-1';
export const camera: Peer = {address: '10.0.0.7', userAgent: 'cam/1.0'};

/** A hand-built sequence of observations for one device (others can be named), fed to a recorder. */
export class AuditScenario {
	readonly recorder = new AuditRecorder();
	readonly breaches: AuditBreach[] = [];
	peer: Peer = camera;

	record(observation: Observation): readonly AuditBreach[] {
		const breaches = this.recorder.record(observation);
		this.breaches.push(...breaches);
		return breaches;
	}

	tick(seconds: number): readonly AuditBreach[] {
		const breaches = this.recorder.tick(at(seconds));
		this.breaches.push(...breaches);
		return breaches;
	}

	use(token: string, state: TokenUse['state'] = 'valid', deviceId: string | undefined = device): TokenUse {
		return {token, deviceId: state === 'unknown' ? undefined : deviceId, state};
	}

	request(seconds: number, path: string, options: {token?: string; version?: string | null; method?: string; status?: number; state?: TokenUse['state']} = {}): void {
		this.record({
			kind: 'http',
			at: at(seconds),
			peer: this.peer,
			method: options.method ?? 'GET',
			path,
			clientVersion: options.version === null ? undefined : (options.version ?? '2.0.0'),
			...(options.token === undefined ? {} : {auth: this.use(options.token, options.state)}),
			status: options.status ?? 200,
		});
	}

	identity(seconds: number, token = 'seed', options: {version?: string | null} = {}): void {
		this.request(seconds, '/v2/devices/me', {token, ...options});
	}

	health(seconds: number, options: {version?: string | null} = {}): void {
		this.request(seconds, '/health', options);
	}

	issue(seconds: number, token: string, options: {refresh?: string; ttlSeconds?: number | null; source?: TokenSource} = {}): void {
		const ttl = options.ttlSeconds === undefined ? 28_800 : options.ttlSeconds;
		this.record({
			kind: 'token-issued',
			at: at(seconds),
			deviceId: device,
			accessToken: token,
			...(options.refresh === undefined ? {} : {refreshToken: options.refresh}),
			expiresAt: ttl === null ? null : at(seconds + ttl),
			source: options.source ?? 'pairing',
		});
	}

	refresh(seconds: number, refreshToken: string, outcome: RefreshObservation['outcome'] = 'ok', spentBefore = outcome === 'reused'): void {
		this.record({kind: 'refresh', at: at(seconds), peer: this.peer, refreshToken, deviceId: device, spentBefore, outcome});
	}

	upgrade(seconds: number, options: Partial<Omit<UpgradeObservation, 'kind' | 'at' | 'peer'>> & {token?: string; state?: TokenUse['state']} = {}): void {
		const {token = 'seed', state = 'valid', ...rest} = options;
		const outcome = rest.outcome ?? 'accepted';
		this.record({
			kind: 'upgrade',
			at: at(seconds),
			peer: this.peer,
			queryAuthorization: `Bearer%20${token}`,
			authorizationHeader: false,
			auth: this.use(token, state),
			outcome,
			...(outcome === 'refused' ? {status: 403} : {}),
			...rest,
		});
	}

	frame(seconds: number, socketId: number, text: string, deviceId = device): void {
		this.record({kind: 'frame', at: at(seconds), socketId, deviceId, shape: inspectFrame(text, false)});
	}

	join(seconds: number, socketId: number, topic = `devices:${device}`, ref: string | number = `join-${seconds}`): void {
		this.frame(seconds, socketId, JSON.stringify({topic, event: 'phx_join', payload: '', ref}));
	}

	heartbeat(seconds: number, socketId: number, ref: string | number | null = `hb-${seconds}`, topic = 'phoenix'): void {
		this.frame(seconds, socketId, JSON.stringify({topic, event: 'heartbeat', payload: '', ref}));
	}

	/** A socket opened and joined at `seconds`. */
	connect(seconds: number, socketId: number): void {
		this.upgrade(seconds, {socketId});
		this.join(seconds, socketId);
	}

	close(seconds: number, socketId: number, closeKind: CloseKind = 'drop'): void {
		this.record({kind: 'emulator-close', at: at(seconds), socketId, deviceId: device, closeKind});
	}

	closed(seconds: number, socketId: number, code = 1000): void {
		this.record({kind: 'socket-closed', at: at(seconds), socketId, deviceId: device, code});
	}

	pairingCode(seconds: number, deviceCode: string, intervalSeconds = 5): void {
		this.record({kind: 'pairing-code', at: at(seconds), peer: this.peer, deviceCode, intervalSeconds});
	}

	poll(seconds: number, deviceCode: string, answer: PairingAnswer = 'authorization_pending', deviceId?: string): void {
		this.record({kind: 'pairing-poll', at: at(seconds), peer: this.peer, deviceCode, answer, ...(deviceId === undefined ? {} : {deviceId})});
	}

	/** The client row of a device (the first device row by default) at `seconds`. */
	row(seconds: number, deviceId: string | null = device): ClientVerdicts {
		const report = this.recorder.report(at(seconds));
		const row = report.clients.find(client => client.deviceId === deviceId);
		if (!row) {
			throw new Error(`no row for ${deviceId ?? 'a peer'} in ${JSON.stringify(report)}`);
		}

		return row;
	}

	verdict(rule: RuleId, seconds: number, deviceId: string | null = device): RuleVerdict {
		const found = this.row(seconds, deviceId).rules.find(verdict => verdict.rule === rule);
		if (!found) {
			throw new Error(`no verdict for ${rule}`);
		}

		return found;
	}

	/** The breaches logged so far for one rule. */
	breachesOf(rule: RuleId): AuditBreach[] {
		return this.breaches.filter(breach => breach.rule === rule);
	}
}
