import type {StatusChange} from './status-changes.js';

/**
`--bell`: the terminal's bell when a device becomes paused or stops being connected. tmux and most
terminals turn it into a visible alert (a flagged window, a flash), which an unattended cart needs.
*/
export function bellOnTrouble(write: (text: string) => void): (change: StatusChange) => void {
	return change => {
		const {paused, connected} = change.status;
		const trouble = (change.changed === 'paused' && paused.value === true) || (change.changed === 'connected' && connected.value === false);
		if (trouble) {
			write('\u0007');
		}
	};
}
