/** One sample of Prometheus' text exposition format. */
export type Sample = {
	readonly name: string;
	readonly labels: Readonly<Record<string, string>>;
	readonly value: number;
};

export type Exposition = {
	readonly text: string;
	readonly samples: readonly Sample[];
	/** Metric family name → its TYPE. */
	readonly types: ReadonlyMap<string, string>;
	/** Metric family name → its HELP. */
	readonly help: ReadonlyMap<string, string>;
};

const sampleLine = /^([a-zA-Z_:][\w:]*)(?:{(.*)})?\s+(\S+)(?:\s+-?\d+)?$/;
const commentLine = /^# (HELP|TYPE) ([a-zA-Z_:][\w:]*) (.*)$/;
const labelPair = /\s*([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
const escapes: Readonly<Record<string, string>> = {'\\\\': '\\', '\\"': '"', '\\n': '\n'};

/** Parses the text format (version 0.0.4) strictly: a line it does not understand throws. */
export function parseExposition(text: string): Exposition {
	const samples: Sample[] = [];
	const types = new Map<string, string>();
	const help = new Map<string, string>();
	for (const line of text.split('\n')) {
		if (line.trim() === '') {
			continue;
		}

		const comment = commentLine.exec(line);
		if (comment) {
			(comment[1] === 'TYPE' ? types : help).set(comment[2]!, comment[3]!);
			continue;
		}

		const sample = sampleLine.exec(line);
		if (!sample) {
			throw new Error(`not a sample line: ${line}`);
		}

		samples.push({name: sample[1]!, labels: parseLabels(sample[2] ?? '', line), value: parseValue(sample[3]!)});
	}

	return {text, samples, types, help};
}

function parseLabels(text: string, line: string): Record<string, string> {
	const labels: Record<string, string> = {};
	labelPair.lastIndex = 0;
	while (labelPair.lastIndex < text.length) {
		const start = labelPair.lastIndex;
		const pair = labelPair.exec(text);
		if (!pair || labelPair.lastIndex === start) {
			throw new Error(`malformed labels in: ${line}`);
		}

		labels[pair[1]!] = pair[2]!.replaceAll(/\\[\\"n]/g, escape => escapes[escape]!);
	}

	return labels;
}

function parseValue(text: string): number {
	const value = text === '+Inf' ? Number.POSITIVE_INFINITY : (text === '-Inf' ? Number.NEGATIVE_INFINITY : Number(text));
	if (Number.isNaN(value) && text !== 'NaN') {
		throw new Error(`not a sample value: ${text}`);
	}

	return value;
}

/** The samples named `name` whose labels include `labels`. */
export function samplesOf(exposition: Exposition, name: string, labels: Readonly<Record<string, string>> = {}): Sample[] {
	return exposition.samples.filter(sample => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
}

/** The one sample's value, or undefined when there is none; throws when several match. */
export function valueOf(exposition: Exposition, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
	const found = samplesOf(exposition, name, labels);
	if (found.length > 1) {
		throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
	}

	return found[0]?.value;
}

/** GET the URL and parse it, checking the status and the content type Prometheus expects. */
export async function scrape(url: string): Promise<Exposition> {
	const response = await fetch(url);
	const text = await response.text();
	if (response.status !== 200) {
		throw new Error(`GET ${url}: HTTP ${response.status}: ${text}`);
	}

	const type = response.headers.get('content-type') ?? '';
	if (!type.startsWith('text/plain; version=0.0.4')) {
		throw new Error(`GET ${url}: content type ${type}`);
	}

	return parseExposition(text);
}
