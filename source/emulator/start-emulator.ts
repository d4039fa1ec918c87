import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {systemClock} from '../core/clock.js';
import {describeError} from '../core/utils/describe-error.js';
import {formatBreach} from './audit/audit-report.js';
import {EmulatorAudit} from './audit/emulator-audit.js';
import {authRoutes} from './auth/auth-routes.js';
import {auditRoute} from './control/audit-route.js';
import {controlRoutes} from './control/control-routes.js';
import {DeviceRegistry, deviceSeeds} from './device-registry.js';
import {createControl} from './control/emulator-control.js';
import {FaultState} from './control/faults.js';
import {healthRoute, type HealthSwitch} from './http/health-route.js';
import {createRequestHandler} from './http/http-router.js';
import {identityRoute} from './http/identity-route.js';
import {PairingDesk} from './auth/pairing-desk.js';
import {SocketServer} from './socket/socket-server.js';
import {TimerGroup} from './timer-group.js';
import {TokenIssuer} from './auth/token-issuer.js';
import {accessTokenLifetimeSeconds, serverIdleTimeoutSeconds} from './frameio-server-rules.js';
import type {EmulatorOptions, RunningEmulator} from './types.js';

export const defaultClientSecret = 'emulator-secret';

/** `http://host:port`, with brackets around an IPv6 host. */
export function baseUrl(host: string, port: number): string {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
Starts a Frame.io C2C emulator: a real HTTP and websocket server on `host:port` (port 0 picks a
free one). Every timer runs on `options.clock`. Rejects when it cannot listen.
*/
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const clock = options.clock ?? systemClock;
	const host = options.host ?? '127.0.0.1';
	const log = options.log ?? (() => undefined);
	const idleTimeoutSeconds = options.idleTimeoutSeconds ?? serverIdleTimeoutSeconds;
	if (!(idleTimeoutSeconds > 0)) {
		throw new Error('idleTimeoutSeconds must be > 0');
	}

	const tokenTtlSeconds = options.tokenTtlSeconds ?? accessTokenLifetimeSeconds;
	if (!(tokenTtlSeconds > 0 && tokenTtlSeconds <= accessTokenLifetimeSeconds)) {
		throw new Error(`tokenTtlSeconds must be > 0 and at most ${accessTokenLifetimeSeconds}`);
	}

	const registry = new DeviceRegistry(deviceSeeds(options));
	const timers = new TimerGroup(clock, error => {
		log(`timer failed: ${describeError(error)}`);
	});
	const onBreach = typeof options.audit === 'object' && options.audit.onBreach
		? options.audit.onBreach
		: (breach: Parameters<typeof formatBreach>[0]) => {
			log(formatBreach(breach));
		};

	const audit = options.audit ? new EmulatorAudit(timers, onBreach) : undefined;
	const tokens = new TokenIssuer(clock, tokenTtlSeconds, audit && (issue => {
		audit.record({kind: 'token-issued', at: clock.now(), ...issue});
	}));
	for (const device of registry.list()) {
		tokens.addStatic(device.seedToken, device.id);
	}

	const pairing = new PairingDesk(clock);
	const faults = new FaultState(clock);
	const health: HealthSwitch = {ok: true, shape: options.healthShape ?? 'ok', checks: 0};
	const strictRateLimit = options.strictRateLimit ?? false;
	const sockets = new SocketServer({registry, tokens, faults, timers, idleTimeoutMs: idleTimeoutSeconds * 1000, log, audit});
	const control = createControl({registry, tokens, pairing, faults, sockets, health, strictRateLimit, clock, log});
	let url = '';
	const routes = [
		healthRoute(health),
		identityRoute({registry, tokens, clock, strictRateLimit}),
		...authRoutes({registry, tokens, pairing, faults, clientSecret: options.clientSecret ?? defaultClientSecret, baseUrl: () => url, log, clock, audit}),
		...controlRoutes(control, log),
		auditRoute(audit),
	];
	const server = createServer(createRequestHandler({routes, faults, timers, log, audit: audit && {sink: audit, tokens}}));
	server.on('upgrade', (request, socket, head) => {
		sockets.handleUpgrade(request, socket, head);
	});
	server.on('clientError', (error, socket) => {
		log(`client error: ${error.message}`);
		if (socket.writable) {
			socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
		} else {
			socket.destroy();
		}
	});

	const port = await listen(server, options.port ?? 0, host);
	url = baseUrl(host, port);
	let closing: Promise<void> | undefined;

	return {
		url,
		port,
		control,
		audit,
		async close() {
			closing ??= new Promise<void>(resolve => {
				timers.clearAll();
				sockets.close();
				server.close(() => {
					resolve();
				});
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

async function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise<number>((resolve, reject) => {
		const onError = (error: Error) => {
			reject(error);
		};

		server.once('error', onError);
		server.listen(port, host, () => {
			server.off('error', onError);
			resolve((server.address() as AddressInfo).port);
		});
	});
}
