import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

/** The folder of the example Prometheus files. */
export const prometheusExamples = fileURLToPath(new URL('../../../examples/prometheus/', import.meta.url));
export const grafanaDashboard = fileURLToPath(new URL('../../../examples/grafana/c2c-status.json', import.meta.url));

/**
The example prometheus.yml, made for a test: scraping `target` every second, rules evaluated every
second and read from the examples folder.
*/
export async function exampleConfigFor(target: string): Promise<string> {
	let text = await readFile(`${prometheusExamples}prometheus.yml`, 'utf8');
	const replace = (from: string, to: string) => {
		if (!text.includes(from)) {
			throw new Error(`examples/prometheus/prometheus.yml no longer has "${from}": update this test`);
		}

		text = text.replaceAll(from, to);
	};

	replace('scrape_interval: 15s', 'scrape_interval: 1s');
	replace('evaluation_interval: 15s', 'evaluation_interval: 1s');
	replace('scrape_timeout: 10s', 'scrape_timeout: 1s');
	replace('- 127.0.0.1:9464', `- ${target}`);
	replace('- c2c-alerts.yml', `- ${prometheusExamples}c2c-alerts.yml`);
	return text;
}

/** Every PromQL expression of the Grafana dashboard, its variables given plain values. */
export async function dashboardExpressions(): Promise<Array<{readonly panel: string; readonly expr: string}>> {
	const dashboard = JSON.parse(await readFile(grafanaDashboard, 'utf8')) as {panels: Array<{title: string; targets?: Array<{expr: string}>}>};
	return dashboard.panels.flatMap(panel => (panel.targets ?? []).map(({expr}) => ({
		panel: panel.title,
		expr: expr.replaceAll('$device', '.*').replaceAll('$api', '.*').replaceAll('$__rate_interval', '1m'),
	})));
}
