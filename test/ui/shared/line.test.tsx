import {afterEach, describe, expect, it} from 'vitest';
import Line, {sameLine} from '../../../source/ui/shared/Line.js';
import RedactContext from '../../../source/ui/shared/RedactContext.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const redact = (text: string) => text.replaceAll('s3cret', '[redacted]');

describe('Line', () => {
	it('makes every span safe, as SafeText does: the secret taken out, escape sequences removed, control characters shown', () => {
		const spans = [{text: 'name \u001B[31mred', bold: true}, {text: ' token s3cret'}, {text: ' bell\u0007', dimColor: true}];
		const line = renderInk(<RedactContext.Provider value={redact}><Line spans={spans}/></RedactContext.Provider>);
		expect(line.frame()).toBe('name red token [redacted] bell\uFFFD');
	});

	it('takes out a secret split across two spans in the same style', () => {
		const line = renderInk(<RedactContext.Provider value={redact}><Line spans={[{text: 'token s3'}, {text: 'cret'}]}/></RedactContext.Provider>);
		expect(line.frame()).toBe('token [redacted]');
	});

	it('cuts the line at the terminal\'s edge rather than wrapping it', () => {
		const line = renderInk(<Line spans={[{text: 'abcdef', bold: true}, {text: 'ghijklmnop'}]}/>, {columns: 10});
		expect(line.frame()).toBe('abcdefghi…');
	});

	it('is the same line only when every span reads and looks the same', () => {
		expect(sameLine({spans: [{text: 'a', bold: true}]}, {spans: [{text: 'a', bold: true}]})).toBe(true);
		expect(sameLine({spans: [{text: 'a'}]}, {spans: [{text: 'a', bold: false, color: undefined}]})).toBe(true);
		expect(sameLine({spans: [{text: 'a'}]}, {spans: [{text: 'b'}]})).toBe(false);
		expect(sameLine({spans: [{text: 'a'}]}, {spans: [{text: 'a', color: 'red'}]})).toBe(false);
		expect(sameLine({spans: [{text: 'a'}]}, {spans: [{text: 'a', dimColor: true}]})).toBe(false);
		expect(sameLine({spans: [{text: 'a'}]}, {spans: [{text: 'a'}], inverse: true})).toBe(false);
		expect(sameLine({spans: [{text: 'a'}]}, {spans: [{text: 'a'}, {text: 'b'}]})).toBe(false);
	});
});
