import {Text} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import useNow from '../../../source/ui/shared/use-now.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

function Clock({now, label}: {readonly now: () => number; readonly label: string}) {
	const time = useNow(now);
	return <Text>{label} {time}</Text>;
}

describe('the view\'s now', () => {
	it('is read again when something else makes the view draw between two ticks', async () => {
		let time = 1_000_000;
		const now = () => time;
		const rendered = renderInk(<Clock now={now} label="a"/>);
		await rendered.waitForFrame(frame => frame.includes('a 1000000'), 'the first frame');
		// A snapshot arrives 300 ms after the tick: what it shows happened after the tick's time.
		time += 300;
		rendered.rerender(<Clock now={now} label="b"/>);
		expect(await rendered.waitForFrame(frame => frame.startsWith('b '), 'the next frame')).toContain('b 1000300');
	});
});
