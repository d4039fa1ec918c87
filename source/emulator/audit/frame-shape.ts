import {frameKeys} from './audit-rules.js';
import type {FrameShape} from './observation.js';

function isRef(value: unknown): value is string | number | null {
	return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/**
What the referee makes of one received websocket message, in its own words (deliberately not the
emulator's codec): a JSON object with `topic`, `event`, `payload` and `ref`, or why not.
*/
export function inspectFrame(text: string, isBinary: boolean): FrameShape {
	if (isBinary) {
		return {problem: 'a binary frame'};
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {problem: 'not JSON'};
	}

	if (Array.isArray(value)) {
		return {problem: 'a JSON array (Phoenix V2 frames are not what the guide shows)'};
	}

	if (typeof value !== 'object' || value === null) {
		return {problem: 'not a JSON object'};
	}

	const record = value as Record<string, unknown>;
	const missing = frameKeys.filter(key => !Object.hasOwn(record, key));
	const {topic, event, ref} = record;
	const wrongType = [
		...(typeof topic === 'string' || missing.includes('topic') ? [] : ['topic is not a string']),
		...(typeof event === 'string' || missing.includes('event') ? [] : ['event is not a string']),
		...(isRef(ref) || missing.includes('ref') ? [] : ['ref is not a string, a number or null']),
	];
	const problems = [...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []), ...wrongType];
	return {
		problem: problems.length > 0 ? problems.join('; ') : undefined,
		...(typeof topic === 'string' ? {topic} : {}),
		...(typeof event === 'string' ? {event} : {}),
		...(isRef(ref) ? {ref} : {}),
	};
}
