import {countdown} from '../format/format.js';
import {displayWidth} from '../format/text-width.js';
import Line from '../shared/Line.js';
import {tint} from '../shared/theme.js';
import useScreenText from '../shared/use-screen-text.js';
import useTheme from '../shared/use-theme.js';

type Props = {
	readonly deviceName: string | null;
	readonly apiUrl: string;
	/** Set in demo mode: what the emulator does next, and when. */
	readonly demo?: DemoHint | undefined;
	readonly now: number;
	/** Cells the line may take. */
	readonly width: number;
};

/** In demo mode, what the emulator does next and when (the UI is handed it as data). */
export type DemoHint = {readonly next: string; readonly at: number};

const appName = 'c2c-status';
const demoBanner = ' DEMO: local emulator ';
const shortDemoBanner = ' DEMO ';

/**
The app, the device and the API it talks to. In demo mode the banner, the emulator's URL and what the
demo does next, and the banner shortens to "DEMO" before the URL or the countdown would be cut. The
demo's device is the emulator's own ("c2c-status emulator"), which the banner already says: its name
would read as the app's twice (issue 15.14).
*/
export default function TitleBar({deviceName, apiUrl, demo, now, width}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	const separator = ` ${theme.symbols.separator} `;
	if (demo === undefined) {
		const device = deviceName ?? 'device not identified yet';
		return <Line spans={[{text: appName, bold: true}, {text: `${separator}${device}${separator}`}, {text: apiUrl, dimColor: true}]}/>;
	}

	const next = screenText(`${separator}next: ${demo.next} ${countdown(demo.at, now)}`);
	const url = screenText(` ${apiUrl}`);
	const banner = displayWidth(appName + demoBanner + url + next) <= width ? demoBanner : shortDemoBanner;
	return (
		<Line spans={[
			{text: appName, bold: true},
			{text: banner, bold: true, inverse: true, color: tint(theme, 'yellow')},
			{text: url},
			{text: next, color: tint(theme, 'yellow')},
		]}/>
	);
}
