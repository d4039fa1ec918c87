import type {MonitorEvent} from '../../core/monitor-events.js';
import type {Line} from '../ndjson/ndjson-format.js';

/**
Whether an event's line may go to the journal: frames (a flood brings thousands a second) and error
lines never do, and are dropped on their type alone, before anything is formatted or allocated.
*/
export function journalMayKeep(type: MonitorEvent['type']): boolean {
	return type !== 'frame' && type !== 'error';
}

/** The line types whose latest kept line describes a state, carried to the top of each new day's file. */
const stateTypes = ['socket', 'health', 'identity', 'status'] as const;

/**
Decides which NDJSON lines the journal keeps: the transitions. Every `status` line (it is written only
on a change), every `token`, `hook` and `monitor` line; a `socket` line when the state changes (or a
join is refused); a `health` line when it goes from ok to failing or back, or fails another way; an
`identity` line when what it says changes (ok or the failure's kind, the status, project, creator,
expiry, device). Never frames, heartbeats, or a repeated `health ok`. One filter per device and run.
*/
export class TransitionFilter {
	readonly #said = new Map<string, string>();
	readonly #latest = new Map<string, Line>();

	keep(line: Line): boolean {
		const key = signature(line);
		if (key === undefined) {
			return false;
		}

		const type = line.type as string;
		if (key !== '' && this.#said.get(type) === key) {
			return false;
		}

		this.#said.set(type, key);
		if ((stateTypes as readonly string[]).includes(type)) {
			this.#latest.set(type, line);
		}

		return true;
	}

	/** The latest kept line of each state (socket, health, identity, status), to repeat when a new day's file begins. */
	latestStates(): Line[] {
		return stateTypes.map(type => this.#latest.get(type)).filter((line): line is Line => line !== undefined);
	}
}

/** What a line says that matters, '' for lines that are always kept, undefined for lines never kept. */
function signature(line: Line): string | undefined {
	switch (line.type) {
		case 'status':
		case 'token':
		case 'hook':
		case 'monitor': {
			return '';
		}

		case 'socket': {
			return `${String(line.state)}${line.error === undefined ? '' : ' refused'}`;
		}

		case 'health': {
			return line.ok === true ? 'ok' : `failing ${String(line.kind)}`;
		}

		case 'identity': {
			return line.ok === true
				? JSON.stringify(['ok', line.status, line.project, line.creator, line.expiresAt, line.deviceId, line.deviceName])
				: JSON.stringify(['failing', line.kind, line.httpStatus]);
		}

		default: {
			return undefined;
		}
	}
}
