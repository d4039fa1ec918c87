import {afterEach, describe, expect, it} from 'vitest';
import FleetApp from '../../../source/ui/fleet/FleetApp.js';
import App from '../../../source/ui/monitor/App.js';
import {NoticeBoard} from '../../../source/ui/shared/notice-board.js';
import {baseTime, FakeFleet, FakeMonitor, snapshot} from '../../../support/fake-monitor.js';
import {cleanup, keys, renderInk} from '../../helpers/render-ink.js';

afterEach(() => {
	cleanup();
});

const now = () => baseTime;
const metrics = 'metrics for Prometheus at http://127.0.0.1:40123/metrics';

/** A board where the metrics address was announced two minutes ago: its footer notice is long gone. */
function announced(): NoticeBoard {
	const board = new NoticeBoard();
	board.announce(metrics, baseTime - 120_000);
	return board;
}

describe('what the run announced stays in the help (issue 15.14: --metrics-port 0)', () => {
	it('keeps where the metrics are served in the monitor\'s help after the footer notice is gone', async () => {
		const rendered = renderInk(<App monitor={new FakeMonitor(snapshot())} now={now} board={announced()} onQuit={() => {}}/>, {columns: 80, rows: 24});
		const view = await rendered.waitForFrame(frame => frame.includes('q quit'), 'the view');
		expect(view).not.toContain('metrics for Prometheus');
		await rendered.press('?');
		await rendered.waitForFrame(frame => frame.includes('── Keys'), 'the help');
		await rendered.press(keys.end);
		await rendered.waitForFrame(frame => frame.includes(metrics), 'the metrics address at the end of the help');
	});

	it('keeps it in the fleet table\'s help too', async () => {
		const fleet = new FakeFleet([{name: 'A-cam', snapshot: snapshot()}]);
		const rendered = renderInk(<FleetApp fleet={fleet} now={now} board={announced()} onQuit={() => {}}/>, {columns: 80, rows: 24});
		await rendered.waitForFrame(frame => frame.includes('A-cam'), 'the table');
		await rendered.press('?', keys.end);
		await rendered.waitForFrame(frame => frame.includes(metrics), 'the metrics address at the end of the help');
	});

	it('says in the monitor\'s help what an unconfirmed Paused means', async () => {
		const rendered = renderInk(<App monitor={new FakeMonitor(snapshot())} now={now} onQuit={() => {}}/>, {columns: 120, rows: 50});
		await rendered.waitForFrame(frame => frame.includes('q quit'), 'the view');
		await rendered.press('?');
		await rendered.waitForFrame(frame => frame.includes('? Paused: no (unconfirmed: ...): the last value, which nothing confirms now'), 'the note');
	});

	it('posts an announcement once and keeps one copy of each', () => {
		const board = new NoticeBoard();
		board.announce(metrics, baseTime);
		board.announce(metrics, baseTime + 1);
		expect(board.getStanding()).toEqual([metrics]);
		expect(board.getSnapshot()).toMatchObject({text: metrics, at: baseTime + 1});
	});
});
