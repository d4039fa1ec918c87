import type {Writable} from 'node:stream';
import type {Monitor} from '../core/monitor.js';
import {formatEvent} from './ndjson-format.js';

/**
Writes one JSON object per line for every monitor event. Each line passes through the monitor's
redactor on its way out, so no line ever carries the token.
*/
export function writeNdjson(monitor: Monitor, out: Writable): () => void {
	return monitor.events.on(event => {
		const line = formatEvent(event);
		if (line && out.writable) {
			out.write(`${monitor.redact(JSON.stringify(line))}\n`);
		}
	});
}

/** A line for something outside the monitor (a start-up error), in the same format. */
export function ndjsonLine(type: string, fields: Record<string, unknown>, at = Date.now()): string {
	return `${JSON.stringify({time: new Date(at).toISOString(), type, ...fields})}\n`;
}
