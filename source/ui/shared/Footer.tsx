import {displayWidth} from '../format/text-width.js';
import {keymap, type KeyBinding} from './keymap.js';
import Line from './Line.js';
import {tint} from './theme.js';
import useScreenText from './use-screen-text.js';
import useTheme from './use-theme.js';

type Props = {
	readonly keysActive: boolean;
	readonly notice: string | undefined;
	/** Cells the line may take: hints that do not fit whole are left to the help. */
	readonly width?: number;
	/** Where the hints come from (the monitor's keymap unless told). */
	readonly bindings?: ReadonlyArray<KeyBinding<string>>;
};

const gap = '  ';

/** Key hints from the keymap, or a short notice after an action. */
export default function Footer({keysActive, notice, width = Number.POSITIVE_INFINITY, bindings = keymap}: Props) {
	const theme = useTheme();
	const screenText = useScreenText();
	if (!keysActive) {
		return <Line spans={[{text: 'keys off: stdin is not a terminal (stop with Ctrl+C or SIGTERM)', dimColor: true}]}/>;
	}

	const hinted = bindings.filter(binding => binding.hint);
	const hint = (binding: KeyBinding<string>) => `${binding.hintKeys ?? binding.keys.split(',')[0]} ${binding.hint}`;
	// The pinned hints (quit, help) stay in sight even while a notice is shown; the others follow while they fit whole.
	const first = hinted.filter(binding => binding.pinned).map(binding => hint(binding)).join(gap);
	const others = hinted.filter(binding => !binding.pinned).map(binding => hint(binding));
	const noticeText = notice ? screenText(`${gap}${theme.symbols.separator} ${notice} ${theme.symbols.separator}`) : '';
	let used = displayWidth(first + noticeText);
	const rest: string[] = [];
	for (const other of others) {
		used += displayWidth(gap + other);
		if (used > width) {
			break;
		}

		rest.push(other);
	}

	return <Line spans={[{text: first, dimColor: true}, {text: noticeText, color: tint(theme, 'cyan')}, {text: rest.map(hint => gap + hint).join(''), dimColor: true}]}/>;
}
