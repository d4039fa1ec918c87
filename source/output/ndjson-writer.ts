import type {Writable} from 'node:stream';
import type {Monitor} from '../core/monitor.js';
import {redactValue} from '../core/token/redact.js';
import {describeError} from '../core/utils/describe-error.js';
import {formatEvent} from './ndjson-format.js';

/**
Writes one JSON object per line for every monitor event. Every string in a line passes through the
monitor's redactor before it is serialized, so no line carries the token and every line stays JSON.
*/
export function writeNdjson(monitor: Pick<Monitor, 'events' | 'redact'>, out: Writable): () => void {
	return monitor.events.on(event => {
		const line = formatEvent(event);
		if (!line || !out.writable) {
			return;
		}

		let text: string;
		try {
			text = JSON.stringify(redactValue(line, monitor.redact));
		} catch (error) {
			text = JSON.stringify({time: line.time, type: 'error', message: `a ${String(line.type)} event could not be written: ${describeError(error)}`});
		}

		out.write(`${text}\n`);
	});
}
