import {Box} from 'ink';
import Line from '../shared/Line.js';
import {tint} from '../shared/theme.js';
import useTheme from '../shared/use-theme.js';
import {alertText, type Alert} from './panels/alert-words.js';

type Props = {
	readonly alerts: readonly Alert[];
	/** Lines the layout gave them: when there are more alerts than lines, the last line names it and the rest, in a few words each. */
	readonly lines: number;
	readonly width: number;
};

/**
The alerts above the headline, one a line, in bold and in their colour (red when someone must act):
they stand above everything, so they are read before a Paused or Connected that they may make wrong.
*/
export default function AlertLines({alerts, lines, width}: Props) {
	const theme = useTheme();
	if (lines <= 0 || alerts.length === 0) {
		return null;
	}

	const shown = alerts.slice(0, lines);
	const rest = alerts.slice(lines);
	return (
		<Box flexDirection="column" height={shown.length}>
			{shown.map((alert, index) => {
				const last = index === shown.length - 1;
				const text = last && rest.length > 0
					? `${theme.symbols.warning} ${[alert, ...rest].map(each => each.short).join(` ${theme.symbols.separator} `)}`
					: alertText(alert, width);
				return <Line key={alert.key} spans={[{text, bold: true, color: tint(theme, alert.tone)}]}/>;
			})}
		</Box>
	);
}
