import {displayWidth, truncateToWidth} from '../format/text-width.js';
import Line from './Line.js';

type Props = {
	readonly label: string;
	readonly children: string;
	readonly color?: string | undefined;
	readonly labelWidth?: number;
};

/** One `Label       value` line (one Text, see Line): the label dim and padded to its column, the value sanitized and cut to the line. */
export default function Field({label, children, color, labelWidth = 11}: Props) {
	const shown = truncateToWidth(label, labelWidth);
	return <Line spans={[{text: shown, dimColor: true}, {text: ' '.repeat(Math.max(0, labelWidth - displayWidth(shown)))}, {text: children, color}]}/>;
}
