import {Text} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {sanitize} from '../../../source/text/sanitize.js';
import {displayWidth, truncateToWidth} from '../../../source/ui/format/text-width.js';
import {frameUpdate} from '../../../source/ui/screen/screen-diff.js';
import SafeText from '../../../source/ui/shared/SafeText.js';
import {cleanup, renderInk} from '../../helpers/render-ink.js';
import {VirtualTerminal} from '../../helpers/virtual-terminal.js';

afterEach(() => {
	cleanup();
});

/** One of each class of character the sanitizer changes or keeps, between letters. */
const classes = {
	'zero-width space': 'a\u200Bb',
	'zero-width non-joiner': 'a\u200Cb',
	'zero-width joiner outside an emoji': 'a\u200Db',
	'zero-width joiner inside an emoji': '👩\u200D💻',
	'word joiner': 'a\u2060b',
	'byte order mark': 'a\uFEFFb',
	'soft hyphen': 'a\u00ADb',
	'Arabic letter mark': 'a\u061Cb',
	'line separator': 'a\u2028b',
	'paragraph separator': 'a\u2029b',
	'left-to-right mark': 'a\u200Eb',
	'right-to-left override': 'a\u202Eb',
	'left-to-right isolate': 'a\u2066b',
	'pop directional isolate': 'a\u2069b',
	'lone high surrogate': 'a\uD800b',
	'lone low surrogate': 'a\uDC00b',
	'a C1 control': 'a\u0085b',
	'CJK and an accent': '撮影 é',
} as const;

/** Where the cursor stands after a terminal (xterm.js) drew the text from the first column: the cells it took. */
async function cellsInTerminal(text: string): Promise<number> {
	const terminal = new VirtualTerminal(40, 2);
	terminal.write(`\u001B[1;1H${text}`);
	return (await terminal.cursor()).column - 1;
}

describe('one width model: what is drawn is what was measured', () => {
	it('measures each class of character as the sanitizer leaves it, and as xterm.js draws that', async () => {
		for (const [what, text] of Object.entries(classes)) {
			const drawn = sanitize(text);
			expect(displayWidth(text), what).toBe(displayWidth(drawn));
			expect(await cellsInTerminal(drawn), what).toBe(displayWidth(drawn));
		}
	});

	it('lines each class up with the columns after it, through SafeText, Ink and the screen writer', async () => {
		const rendered = renderInk(
			<>
				{Object.entries(classes).map(([what, text]) => (
					<Text key={what}>
						<SafeText>{`|${text}|`}</SafeText>
						<Text>{'.'.repeat(10 - displayWidth(sanitize(text)))}end</Text>
					</Text>
				))}
			</>,
			{columns: 40, rows: 30},
		);
		const frame = await rendered.waitForFrame(f => f.includes('end'), 'the lines');
		const terminal = new VirtualTerminal(40, 30);
		terminal.write(frameUpdate(undefined, frame.split('\n')));
		for (const [index, what] of Object.keys(classes).entries()) {
			// Each line is 12 cells of text and marks, then "end": in the terminal's own cells too.
			expect(await terminal.columnOf(index + 1, 'end'), what).toBe(13);
		}
	});

	it('cuts a text holding them by the same measure', () => {
		expect(truncateToWidth('a\u00AD\u00AD\u00ADbcdef', 4)).toBe('a\u00AD\u00AD\u00ADbc…');
		expect(displayWidth(truncateToWidth('a\u00AD\u00AD\u00ADbcdef', 4))).toBe(4);
		expect(displayWidth('\uD800\uD800')).toBe(2);
	});
});
