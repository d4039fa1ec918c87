import {readFile} from 'node:fs/promises';
import {describe, expect, it} from 'vitest';
import {createMetrics} from '../../../source/output/metrics/metrics.js';
import {defaultMetricsPort} from '../../../source/output/metrics/metrics-server.js';
import {dashboardExpressions, grafanaDashboard, prometheusExamples} from '../../prometheus/helpers/examples.js';

type Panel = {
	id: number;
	type: string;
	title: string;
	datasource?: {type: string; uid: string};
	gridPos: {x: number; y: number; w: number; h: number};
	targets?: Array<{refId: string; datasource?: {type: string; uid: string}; expr: string}>;
};

type Organize = {
	id: 'organize';
	options: {indexByName: Record<string, number>; renameByName: Record<string, string>};
};

type Dashboard = {
	uid: string;
	title: string;
	templating: {list: Array<{type: string; name: string; query: unknown}>};
	panels: Array<Panel & {transformations?: Array<{id: string} | Organize>}>;
};

/** The c2c_ metrics a text names, a histogram's _bucket, _sum and _count series named as the histogram. */
function metricsNamedIn(text: string): Set<string> {
	return new Set([...text.matchAll(/\bc2c_\w+/g)].map(([name]) => name.replace(/_(?:bucket|sum|count)$/, '')));
}

// eslint-disable-next-line no-template-curly-in-string -- Grafana's variable syntax, meant literally
const datasourceVariable = {type: 'prometheus', uid: '${datasource}'};

const exported = new Set((await createMetrics().registry.getMetricsAsJSON()).map(metric => metric.name));

describe('the example Prometheus and Grafana files', () => {
	it('scrape the documented default port and load the alerting rules beside them', async () => {
		const config = await readFile(`${prometheusExamples}prometheus.yml`, 'utf8');
		expect(defaultMetricsPort).toBe(9464);
		expect(config).toContain(`- 127.0.0.1:${defaultMetricsPort}\n`);
		expect(config).toContain('job_name: c2c-status');
		expect(config).toMatch(/rule_files:\n\s+- c2c-alerts\.yml\n/);
	});

	it('name only metrics the monitor exports', async () => {
		const alerts = await readFile(`${prometheusExamples}c2c-alerts.yml`, 'utf8');
		const tests = await readFile(`${prometheusExamples}c2c-alerts.test.yml`, 'utf8');
		const dashboard = await readFile(grafanaDashboard, 'utf8');
		for (const text of [alerts, tests, dashboard]) {
			const named = metricsNamedIn(text);
			expect(named.size).toBeGreaterThan(3);
			expect([...named].filter(name => !exported.has(name))).toEqual([]);
		}

		// The alerts, and the dashboard, cover what a rental house watches.
		expect([...metricsNamedIn(alerts)].sort((a, b) => a.localeCompare(b))).toEqual([
			'c2c_authorization_expiry_timestamp_seconds',
			'c2c_connected',
			'c2c_credentials_save_failing',
			'c2c_pairing_needed',
			'c2c_paused',
			'c2c_paused_confirmed',
			'c2c_paused_evidence_age_seconds',
			'c2c_socket_joined',
			'c2c_token_expiry_timestamp_seconds',
			'c2c_token_refresh_failing',
		]);
		expect([...exported].filter(name => !metricsNamedIn(dashboard).has(name))).toEqual(['c2c_socket_state', 'c2c_socket_joins_total']);
	});

	it('give Grafana a dashboard to import: a Prometheus data source variable used by every panel and query, panels side by side', async () => {
		const dashboard = JSON.parse(await readFile(grafanaDashboard, 'utf8')) as Dashboard;
		expect(dashboard).toMatchObject({uid: 'c2c-status', id: null});
		const [source, device, api] = dashboard.templating.list;
		expect(source).toMatchObject({type: 'datasource', name: 'datasource', query: 'prometheus'});
		expect(device).toMatchObject({type: 'query', name: 'device', includeAll: true, multi: true});
		// The /health series are the API's (devices on one API share its checks): picked by API.
		expect(api).toMatchObject({type: 'query', name: 'api', includeAll: true, multi: true, definition: 'label_values(c2c_health_check_duration_seconds_count, api)'});
		const ids = dashboard.panels.map(panel => panel.id);
		expect(new Set(ids).size).toBe(ids.length);
		const cells = new Set<string>();
		for (const panel of dashboard.panels) {
			expect(panel.datasource, panel.title).toEqual(datasourceVariable);
			expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
			for (const target of panel.targets ?? []) {
				expect(target.datasource, panel.title).toEqual(datasourceVariable);
				if (target.expr.includes('c2c_health_check_')) {
					expect(target.expr, panel.title).toContain('api=~"$api"');
					expect(target.expr, panel.title).not.toContain('device');
				} else {
					expect(target.expr, panel.title).toContain('device=~"$device"');
				}
			}

			const {x, y, w, h} = panel.gridPos;
			expect(x + w, panel.title).toBeLessThanOrEqual(24);
			for (let column = x; column < x + w; column++) {
				for (let row = y; row < y + h; row++) {
					expect(cells.has(`${column},${row}`), `${panel.title} overlaps another panel`).toBe(false);
					cells.add(`${column},${row}`);
				}
			}
		}

		expect(dashboard.panels.map(panel => panel.title)).toEqual(expect.arrayContaining([
			'Paused', 'Connected', 'Socket joined', 'Devices', 'Heartbeat round trip', '/health latency', 'Identity fetches, by result', 'Socket reconnects', 'Token expires in',
		]));
		expect((await dashboardExpressions()).every(({expr}) => !expr.includes('$'))).toBe(true);
	});

	it('give each query of the device table a column of its own, named and placed', async () => {
		const dashboard = JSON.parse(await readFile(grafanaDashboard, 'utf8')) as Dashboard;
		const table = dashboard.panels.find(panel => panel.title === 'Devices')!;
		const organize = table.transformations?.find((transformation): transformation is Organize => transformation.id === 'organize');
		const columns = table.targets!.map(target => `Value #${target.refId}`);
		expect(Object.keys(organize!.options.indexByName).sort()).toEqual(['device', ...columns].sort());
		expect(Object.keys(organize!.options.renameByName).sort()).toEqual(['device', ...columns].sort());
		expect(new Set(Object.values(organize!.options.indexByName)).size).toBe(columns.length + 1);
		const column = (name: string) => table.targets!.find((_, index) => organize!.options.renameByName[columns[index]!] === name)?.expr;
		expect(column('Authorization expires in')).toBe('max by (device) (c2c_authorization_expiry_timestamp_seconds{device=~"$device"}) - time()');
		expect(column('Refresh failing')).toBe('max by (device) (c2c_token_refresh_failing{device=~"$device"})');
	});
});
