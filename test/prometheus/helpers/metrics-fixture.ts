import type {Monitor} from '../../../source/core/monitor.js';
import type {TokenOrigin} from '../../../source/core/token/token-source.js';
import type {EmulatorOptions} from '../../../source/emulator/types.js';
import {createMetrics, type Metrics} from '../../../source/output/metrics/metrics.js';
import {type MetricsServer, startMetricsServer} from '../../../source/output/metrics/metrics-server.js';
import {type EmulatorFixture, startTestEmulator} from '../../helpers/emulator-fixture.js';
import {cleanup as cleanupMonitors, testMonitor} from '../../helpers/monitor-fixture.js';
import {type Exposition, scrape} from './exposition.js';

const servers = new Set<MetricsServer>();

/** A metrics server on a free port of 127.0.0.1; closed by `cleanup()`. */
export async function testMetricsServer(metrics: Metrics): Promise<MetricsServer> {
	const server = await startMetricsServer({host: '127.0.0.1', port: 0, registry: metrics.registry});
	servers.add(server);
	return server;
}

export type MonitoredDevice = EmulatorFixture & {
	readonly name: string;
	readonly monitor: Monitor;
	readonly metrics: Metrics;
	readonly server: MetricsServer;
	/** GET /metrics over HTTP, parsed. */
	scrape(): Promise<Exposition>;
};

export type MonitoredDeviceOptions = {
	readonly name?: string;
	readonly emulator?: EmulatorOptions;
	/** Default: FRAMEIO_TOKEN with the emulator's token "demo". */
	readonly token?: (fixture: EmulatorFixture) => Promise<TokenOrigin>;
};

/**
The emulator on a manual clock, a real Monitor of its device attached to the metrics (not started
yet), and the metrics server; all of it goes in `cleanup()`.
*/
export async function monitoredDevice(options: MonitoredDeviceOptions = {}): Promise<MonitoredDevice> {
	const fixture = await startTestEmulator(options.emulator);
	const token = options.token ? await options.token(fixture) : {kind: 'env', variable: 'FRAMEIO_TOKEN', token: 'demo'} as const;
	const monitor = testMonitor(fixture.clock, fixture.emulator.url, token);
	const metrics = createMetrics();
	const name = options.name ?? 'cart-a';
	metrics.attach({name, monitor});
	const server = await testMetricsServer(metrics);
	return {...fixture, name, monitor, metrics, server, scrape: async () => scrape(server.url)};
}

/** For afterEach: closes every metrics server, then stops every monitor and emulator. */
export async function cleanup(): Promise<void> {
	const closing = [...servers].map(async server => server.close());
	servers.clear();
	await Promise.all(closing);
	await cleanupMonitors();
}
