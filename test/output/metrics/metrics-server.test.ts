import {Agent, request} from 'node:http';
import {once} from 'node:events';
import {connect} from 'node:net';
import {Gauge, Registry} from 'prom-client';
import {afterEach, describe, expect, it} from 'vitest';
import {createMetrics} from '../../../source/output/metrics/metrics.js';
import {defaultConnectionLimits, type MetricsServer, startMetricsServer} from '../../../source/output/metrics/metrics-server.js';
import {cleanup, testMetricsServer} from '../../prometheus/helpers/metrics-fixture.js';
import {waitUntil} from '../../helpers/emulator-fixture.js';
import {freePort} from '../../../support/free-port.js';

const servers: MetricsServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
	await cleanup();
});

describe('startMetricsServer', () => {
	it('serves GET and HEAD /metrics in Prometheus\' text format, with none of prom-client\'s default metrics', async () => {
		const server = await testMetricsServer(createMetrics());
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
		const response = await fetch(server.url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
		const text = await response.text();
		expect(text).toContain('# TYPE c2c_paused gauge');
		expect(text).not.toMatch(/process_|nodejs_/);
		const head = await fetch(server.url, {method: 'HEAD'});
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
		expect((await fetch(`${server.url}?format=text`)).status).toBe(200);
	});

	it('answers 404 elsewhere and 405 to other methods', async () => {
		const server = await testMetricsServer(createMetrics());
		const root = server.url.replace(/\/metrics$/, '');
		for (const path of ['/', '/metrics/', '/metricsx', '/health']) {
			const response = await fetch(`${root}${path}`);
			expect(response.status, path).toBe(404);
			expect(await response.text()).toBe('not found: the metrics are at /metrics\n');
		}

		const post = await fetch(server.url, {method: 'POST', body: ''});
		expect(post.status).toBe(405);
		expect(post.headers.get('allow')).toBe('GET, HEAD');
	});

	it('rejects with a plain message when the port is in use, or is not a port', async () => {
		const {registry} = createMetrics();
		const first = await testMetricsServer(createMetrics());
		const port = Number(new URL(first.url).port);
		await expect(startMetricsServer({host: '127.0.0.1', port, registry}))
			.rejects.toThrow(`metrics server: 127.0.0.1:${port} is in use already (another monitor or exporter?): choose another port`);
		await expect(startMetricsServer({host: '127.0.0.1', port: 65_536, registry})).rejects.toThrow('metrics server: port 65536 is not a port number (0 to 65535)');
		await expect(startMetricsServer({host: '192.0.2.1', port: 0, registry})).rejects.toThrow('metrics server: cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine');
	});

	it('keeps at most 64 connections, closing the oldest idle ones first, so scrapes get through a pile of idle connections; idle ones are closed within seconds', async () => {
		const {registry} = createMetrics();
		const server = await startMetricsServer({host: '127.0.0.1', port: 0, registry});
		servers.push(server);
		expect(defaultConnectionLimits).toMatchObject({maxConnections: 64});
		const {port} = new URL(server.url);
		// 300 connections that never send a byte.
		let closedSoFar = 0;
		const idle = await Promise.all(Array.from({length: 300}, async () => {
			const socket = connect(Number(port), '127.0.0.1');
			socket.on('error', () => {});
			// Read what the server says (a 408 as it closes an idle connection), or the close would go unseen.
			socket.resume();
			const closed = new Promise<void>(resolve => {
				socket.once('close', () => {
					closedSoFar++;
					resolve();
				});
			});
			await once(socket, 'connect');
			return {socket, closed};
		}));
		// The server closes the oldest as the newest arrive: 236 at once.
		await waitUntil(() => closedSoFar >= 236, '236 connections closed', 20_000);
		expect(server.connections()).toBeLessThanOrEqual(64);
		// A scrape gets in: the oldest idle connection makes way for it.
		const response = await fetch(server.url);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('# TYPE c2c_paused gauge');
		expect(server.connections()).toBeLessThanOrEqual(64);
		// The idle ones left are closed after the headers' timeout (5 s), each with a 408.
		await Promise.all(idle.map(async ({closed}) => closed));
		expect(closedSoFar).toBe(300);
		expect(server.connections()).toBe(0);
		// And scrapes go on.
		expect((await fetch(server.url)).status).toBe(200);
	});

	it('closes the newest connection when every connection has a scrape under way', async () => {
		// Collecting waits until the test opens the gate: two scrapes stay under way.
		const registry = new Registry();
		let open: () => void = () => undefined;
		const gate = new Promise<void>(resolve => {
			open = resolve;
		});
		let collecting = 0;
		registry.registerMetric(new Gauge({name: 'slow_gauge', help: 'Waits for the gate.', registers: [], async collect() {
			collecting++;
			await gate;
			this.set(1);
		}}));
		const server = await startMetricsServer({host: '127.0.0.1', port: 0, registry, limits: {maxConnections: 2}});
		servers.push(server);
		const {port} = new URL(server.url);
		const scrapes = [fetch(server.url), fetch(server.url)];
		await waitUntil(() => collecting === 2, 'two scrapes under way');
		const third = connect(Number(port), '127.0.0.1');
		third.on('error', () => {});
		third.resume();
		await once(third, 'close');
		expect(server.connections()).toBe(2);
		open();
		for (const response of await Promise.all(scrapes)) {
			expect(response.status).toBe(200);
			expect(await response.text()).toContain('slow_gauge 1');
		}
	});

	it('close() ends every connection, kept-alive or half-sent, and frees the port', async () => {
		const {registry} = createMetrics();
		const port = await freePort();
		const server = await startMetricsServer({host: '127.0.0.1', port, registry});
		const agent = new Agent({keepAlive: true});
		const status = await new Promise<number | undefined>((resolve, reject) => {
			request(server.url, {agent}, response => {
				response.resume();
				response.on('end', () => {
					resolve(response.statusCode);
				});
			}).on('error', reject).end();
		});
		expect(status).toBe(200);
		// A scrape cut off in the middle of its headers: not idle, so a plain server.close() would wait for it.
		const halfSent = connect(port, '127.0.0.1');
		await once(halfSent, 'connect');
		halfSent.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
		// The server resets it: an error, then the close.
		halfSent.on('error', () => {});
		const ended = new Promise(resolve => {
			halfSent.once('close', resolve);
		});
		await server.close();
		await ended;
		await server.close();
		const again = await startMetricsServer({host: '127.0.0.1', port, registry});
		await again.close();
		agent.destroy();
	});
});
