import {Store} from '../store.js';
import {initialSocketSnapshot, type SocketSnapshot} from './socket-types.js';

type Mutable<T> = {-readonly [Key in keyof T]: T[Key]};
type Counts = Mutable<Pick<SocketSnapshot, 'framesIn' | 'framesOut' | 'unknownEvents' | 'lastUnknownEvent'>>;

/**
The socket's snapshot. Frames are counted without copying the snapshot for each (a flood brings
thousands a second): the counts are folded in when the snapshot is read, and subscribers hear of them.
*/
export class SocketStore {
	readonly #base: Store<SocketSnapshot>;
	readonly #counts: Counts = {framesIn: 0, framesOut: 0, unknownEvents: 0, lastUnknownEvent: null};
	#countsChanged = false;
	#merged: SocketSnapshot | undefined;
	#mergedBase: SocketSnapshot | undefined;

	constructor(url: string) {
		this.#base = new Store(initialSocketSnapshot(url));
	}

	get subscribe() {
		return this.#base.subscribe;
	}

	/** The snapshot as it stands, without the counts (cheap: for the socket's own decisions). */
	get state(): SocketSnapshot {
		return this.#base.getSnapshot();
	}

	update(patch: Partial<SocketSnapshot> | ((previous: SocketSnapshot) => SocketSnapshot)): void {
		this.#base.update(patch);
	}

	/** The snapshot with the frame counts as they are now; the same object until something changes. */
	readonly getSnapshot = (): SocketSnapshot => {
		const base = this.#base.getSnapshot();
		if (base !== this.#mergedBase || this.#countsChanged || !this.#merged) {
			this.#merged = Object.freeze({...base, ...this.#counts});
			this.#mergedBase = base;
			this.#countsChanged = false;
		}

		return this.#merged;
	};

	countFrame(direction: 'in' | 'out'): void {
		if (direction === 'in') {
			this.#counts.framesIn++;
		} else {
			this.#counts.framesOut++;
		}

		this.#counted();
	}

	countUnknownEvent(event: NonNullable<SocketSnapshot['lastUnknownEvent']>): void {
		this.#counts.unknownEvents++;
		this.#counts.lastUnknownEvent = event;
		this.#counted();
	}

	/** A count changed: the next read folds it in, and subscribers hear of it. */
	#counted(): void {
		this.#countsChanged = true;
		this.#base.notify();
	}
}
