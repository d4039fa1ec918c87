import {describe, expect, it} from 'vitest';
import {deviceNameProblem, maxDeviceNameLength} from '../../../../source/cli/commands/monitor/fleet-name.js';
import {jsonProblem} from '../../../../source/cli/commands/monitor/json-problem.js';

/** What JSON.parse says of `text`. */
function parseError(text: string): unknown {
	try {
		JSON.parse(text);
	} catch (error) {
		return error;
	}

	throw new Error('it parsed');
}

describe('device names in --config', () => {
	it('takes printable names up to 64 characters, wide ones and emoji included', () => {
		for (const name of ['A-cam', 'Sound cart 2', 'Kamera Ä', '摄影机 A', 'Cam 🎥', 'x'.repeat(maxDeviceNameLength), '🎥'.repeat(maxDeviceNameLength)]) {
			expect(deviceNameProblem(name), name).toBeUndefined();
		}
	});

	it('refuses control characters, invisible direction marks and line separators, naming the code point', () => {
		expect(deviceNameProblem('A\tB')).toBe('the name holds a control character (U+0009); use printable characters only');
		expect(deviceNameProblem('A\u0085')).toMatch(/control character \(U\+0085\)/);
		for (const mark of ['\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069', '\u2028']) {
			expect(deviceNameProblem(`A${mark}B`), mark).toMatch(/^the name holds an invisible formatting character \(U\+20[0-6][\dA-F]\)/);
		}
	});

	it('refuses names over 64 characters, counted as characters rather than UTF-16 units', () => {
		expect(deviceNameProblem('x'.repeat(65))).toBe('the name is 65 characters long; 64 at most');
		expect(deviceNameProblem('🎥'.repeat(65))).toBe('the name is 65 characters long; 64 at most');
	});
});

describe('a config that is not JSON', () => {
	it('is told by line and column, never by its text', () => {
		const text = '{"devices": [\n  {"name": "A", "tokenEnv": "tok-123" "x": 1}\n]}';
		expect(jsonProblem(parseError(text), text)).toBe('not JSON (line 2, column 39)');
		expect(jsonProblem(parseError('{"a": 1,}'), '{"a": 1,}')).toBe('not JSON (line 1, column 9)');
	});

	it('says a file cut short ends too soon, and says no more when V8 gives no position', () => {
		expect(jsonProblem(parseError('{"devices": ['), '{"devices": [')).toBe('not JSON (it ends too soon)');
		expect(jsonProblem(parseError(''), '')).toBe('not JSON (it ends too soon)');
		const quoted = '{"devices": [tok-secret\u001B[31m]}';
		expect(jsonProblem(parseError(quoted), quoted)).toBe('not JSON');
	});
});
