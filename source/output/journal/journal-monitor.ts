import type {MonitorEvent} from '../../core/monitor-events.js';
import type {Emitter} from '../../core/emitter.js';
import {formatEvent} from '../ndjson/ndjson-format.js';
import type {Journal} from './journal.js';
import {journalMayKeep} from './transition-filter.js';

/**
Feeds a monitor's events to its journal. A frame or an error line is dropped on its type alone, so
that a flood costs one comparison per frame; the rest are formatted as NDJSON would and filtered.
*/
export function journalMonitor(monitor: {readonly events: Emitter<MonitorEvent>}, journal: Pick<Journal, 'record'>): () => void {
	return monitor.events.on(event => {
		if (!journalMayKeep(event.type)) {
			return;
		}

		const line = formatEvent(event);
		if (line) {
			journal.record(line);
		}
	});
}
