import type {Monitor} from '../../core/monitor.js';
import {redactValue} from '../../core/token/redact.js';
import {describeError} from '../../core/utils/describe-error.js';
import type {TextOutput} from './batched-writer.js';
import {formatEvent, type Line} from './ndjson-format.js';

/**
Writes one JSON object per line for every monitor event. Every string in a line passes through the
monitor's redactor before it is serialized, so no line carries the token and every line stays JSON.
In a fleet every line also names its `device`, right after its `type`.
*/
export function writeNdjson(monitor: Pick<Monitor, 'events' | 'redact'>, out: TextOutput, device?: string): () => void {
	return monitor.events.on(event => {
		const line = formatEvent(event);
		if (line && out.writable) {
			out.write(`${serialize(device === undefined ? line : withDevice(line, device), monitor.redact)}\n`);
		}
	});
}

/**
One line as JSON, its strings redacted; a line that cannot be serialized becomes an error line.
The redactor runs once over the whole line: JSON holds every string as is or JSON-escaped, and the
redactor knows both forms of each secret, so an unchanged line holds none. Only a line that did
change is redacted again value by value, which keeps it JSON whatever characters the secret has.
*/
export function serialize(line: Line, redact: Monitor['redact']): string {
	try {
		const text = JSON.stringify(line);
		return redact(text) === text ? text : JSON.stringify(redactValue(line, redact));
	} catch (error) {
		const message = `a ${String(line.type)} event could not be written: ${describeError(error)}`;
		return JSON.stringify({time: line.time, type: 'error', ...(line.device === undefined ? {} : {device: line.device}), message});
	}
}

export function withDevice(line: Line, device: string): Line {
	const {time, type, ...rest} = line;
	return {time, type, device, ...rest};
}
