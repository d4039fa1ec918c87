import {memo} from 'react';
import Line from '../shared/Line.js';
import useTheme from '../shared/use-theme.js';
import {toneStyle, type Tone} from './fleet-cell.js';
import type {FleetCounts} from './fleet-counts.js';

type Props = {
	readonly counts: FleetCounts;
	/** The devices on screen (1-based, inclusive), said when not `all` of them fit. */
	readonly first: number;
	readonly last: number;
	readonly all: boolean;
};

/**
The fleet in one line: `4 devices · 1 paused · 0 not connected`, with how many of the Paused values
nothing confirms now after the paused count, then how many are not joined, need pairing, have their
token refused, cannot save their credentials or their state, when any do. A count above zero is in
bold and in colour.
*/
function FleetSummary({counts, first, last, all}: Props) {
	const theme = useTheme();
	const separator = ` ${theme.symbols.separator} `;
	const some = (count: number, tone: Tone): Tone => count > 0 ? tone : 'plain';
	const parts: Array<{readonly text: string; readonly tone: Tone}> = [
		{text: `${counts.devices} device${counts.devices === 1 ? '' : 's'}`, tone: 'plain'},
		{text: `${counts.paused} paused`, tone: some(counts.paused, 'warn')},
		...(counts.unconfirmed > 0 ? [{text: `${counts.unconfirmed} unconfirmed`, tone: 'doubt' as const}] : []),
		{text: `${counts.notConnected} not connected`, tone: some(counts.notConnected, 'bad')},
		...(counts.notJoined > 0 ? [{text: `${counts.notJoined} not joined`, tone: 'bad' as const}] : []),
		...(counts.pairingNeeded > 0 ? [{text: `${counts.pairingNeeded} pairing needed`, tone: 'bad' as const}] : []),
		...(counts.tokenRejected > 0 ? [{text: `${counts.tokenRejected} token rejected`, tone: 'bad' as const}] : []),
		...(counts.credentialsUnsaved > 0 ? [{text: `${counts.credentialsUnsaved} credentials not saved`, tone: 'bad' as const}] : []),
		...(counts.stateUnwritable > 0 ? [{text: `${counts.stateUnwritable} state not writable`, tone: 'warn' as const}] : []),
	];
	return (
		<Line spans={[
			...parts.flatMap(({text, tone}, index) => {
				const {color, bold} = toneStyle(tone, theme);
				return [{text: index > 0 ? separator : ''}, {text, color, bold}];
			}),
			{text: all ? '' : `${separator}showing ${first}-${last}`, dimColor: true},
		]}/>
	);
}

export default memo(FleetSummary);
