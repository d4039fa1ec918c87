import {socketBase} from '../socket/socket-url.js';
import type {TrafficEntry} from '../socket/traffic.js';
import type {TokenKind} from '../token/token-source.js';
import {text, type RecordedLine} from './recorded-line.js';
import {foldLine, initialReplayState, type ReplayState} from './replay-fold.js';
import {recordedTraffic} from './replay-traffic.js';

/** A state is kept every this many lines, so that a seek folds at most this many lines again. */
const checkpointEvery = 256;

/**
One device's recorded lines, folded once at load: the states at checkpoints (a seek folds only from the
nearest one), the traffic log, and the lines where Paused, Connected or the socket's state changed
(what Right and Left step to). Pure: lines in, states out.
*/
export class ReplayTimeline {
	readonly traffic: readonly TrafficEntry[];
	/** Indexes of the lines that changed Paused, Connected or the socket's state, in order. */
	readonly changes: readonly number[];
	readonly apiUrl: string;
	readonly #checkpoints: ReplayState[] = [];

	constructor(readonly lines: readonly RecordedLine[]) {
		this.traffic = recordedTraffic(lines);
		const header = lines.find(line => line.type === 'recording');
		this.apiUrl = (header ? text(header.fields, 'apiUrl') : null) ?? '';
		const firstToken = lines.find(line => line.type === 'token');
		const source = (firstToken ? text(firstToken.fields, 'source') : null) ?? 'env';
		let state = initialReplayState(socketUrlOf(this.apiUrl), source as TokenKind);
		const changes: number[] = [];
		for (const [index, line] of lines.entries()) {
			if (index % checkpointEvery === 0) {
				this.#checkpoints.push(state);
			}

			const next = foldLine(state, line);
			if (next.status.paused.value !== state.status.paused.value || next.status.connected.value !== state.status.connected.value || next.socket.state !== state.socket.state) {
				changes.push(index);
			}

			state = next;
		}

		this.#checkpoints.push(state);
		this.changes = changes;
	}

	/** The state after the first `count` lines. */
	stateAfter(count: number): ReplayState {
		const bounded = Math.max(0, Math.min(count, this.lines.length));
		const checkpoint = Math.min(Math.floor(bounded / checkpointEvery), this.#checkpoints.length - 1);
		let state = this.#checkpoints[checkpoint]!;
		for (let index = checkpoint * checkpointEvery; index < bounded; index++) {
			state = foldLine(state, this.lines[index]!);
		}

		return state;
	}

	/** How many lines lie at or before `at` (lines in file order; a line's time never goes back by much). */
	countUpTo(at: number, from = 0): number {
		let count = Math.max(0, Math.min(from, this.lines.length));
		while (count > 0 && this.lines[count - 1]!.at > at) {
			count--;
		}

		while (count < this.lines.length && this.lines[count]!.at <= at) {
			count++;
		}

		return count;
	}
}

function socketUrlOf(apiUrl: string): string {
	return URL.canParse(apiUrl) ? socketBase(new URL(apiUrl)) : '';
}
