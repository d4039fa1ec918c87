/**
Scrapes /metrics until the exposition satisfies `ready` (a few seconds at most) and returns the last
one. Gauges read the published snapshot, which follows an NDJSON line within a publish interval.
*/
export async function scrapeUntil(url: string, ready: (text: string) => boolean, timeoutMs = 5000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (Date.now() < deadline) {
		text = await (await fetch(url)).text();
		if (ready(text)) {
			break;
		}
	}

	return text;
}
