import {describe, expect, it} from 'vitest';
import {localClock} from '../../../../source/core/history/local-clock.js';
import {timelineLines} from '../../../../source/ui/monitor/timeline/timeline-lines.js';
import {health, historyOf, identityStatus, ms, socket, started} from '../../../core/history/journal-lines.js';

describe('the timeline overlay counts to one now', () => {
	it('an outage still going reads the same length in the summary and in the list, seconds after the history was built', () => {
		// Built at 10:00:08, eight seconds into an outage; drawn at 10:00:11.
		const history = historyOf([
			started('10:00:00', 1),
			socket('10:00:00.200', 1, 'joined'),
			health('10:00:00.500', 1, true),
			identityStatus('10:00:00.500', 1, false, {asOf: '10:00:00.400', earliest: null, connected: true}),
			health('10:00:03', 1, false),
			identityStatus('10:00:03', 1, false, {asOf: '10:00:00.400', earliest: null, connected: false}),
		], '10:00:08');
		const lines = timelineLines(history, {
			summary: {from: ms('10:00:00'), to: ms('10:00:08'), label: 'today'},
			clock: localClock(ms('10:00:08')),
			legend: '',
			now: ms('10:00:11'),
		}).map(line => line.text);
		expect(lines[0]).toContain('1 outage (8s)');
		expect(lines.find(line => line.startsWith('not connected'))).toContain('(8s so far)');
	});
});
