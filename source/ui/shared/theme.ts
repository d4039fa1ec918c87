/** Everything the UI draws that depends on the terminal: colours (or none) and symbols (or ASCII). */
export type Theme = {
	readonly color: boolean;
	readonly ascii: boolean;
	readonly symbols: {
		readonly paused: string;
		readonly running: string;
		readonly connected: string;
		readonly disconnected: string;
		readonly unknown: string;
		/** Paused keeps its last value but nothing confirms it now (issue 15): not only a colour. */
		readonly unconfirmed: string;
		readonly out: string;
		readonly in: string;
		readonly rule: string;
		readonly separator: string;
		readonly warning: string;
		readonly spark: readonly string[];
		readonly outage: string;
		/** Marks the selected traffic line, so selection never rests on inverse video alone. */
		readonly selected: string;
		/** After a word for something under way ("checking…"). */
		readonly ellipsis: string;
	};
	/** The spinner ink-spinner draws while connecting. */
	readonly spinner: 'dots' | 'line';
};

const unicodeSymbols: Theme['symbols'] = {
	paused: '‖', running: '▶', connected: '✔', disconnected: '✖', unknown: '?', out: '→', in: '←', rule: '─',
	separator: '·', warning: '!', spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'], outage: '✖', selected: '▸',
	unconfirmed: '?', ellipsis: '…',
};

const asciiSymbols: Theme['symbols'] = {
	paused: '||', running: '>', connected: '+', disconnected: 'x', unknown: '?', out: '>', in: '<', rule: '-',
	separator: '|', warning: '!', spark: ['_', '.', '-', '=', '^', '#'], outage: 'x',
	// Not ">": that is "not paused" and the outgoing arrow, which a selected row or frame shows beside it.
	selected: '*',
	unconfirmed: '?', ellipsis: '...',
};

export function createTheme(options: {readonly color: boolean; readonly ascii: boolean}): Theme {
	return {
		color: options.color,
		ascii: options.ascii,
		symbols: options.ascii ? asciiSymbols : unicodeSymbols,
		spinner: options.ascii ? 'line' : 'dots',
	};
}

/** A colour name for Ink, or undefined when colour is off (NO_COLOR, --no-color). */
export function tint(theme: Theme, color: 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'magenta' | 'blue'): string | undefined {
	return theme.color ? color : undefined;
}
