/**
Xo, as Ink and ky use it, adjusted only where this code base has a deliberate style of its own.
Every rule turned off or changed here says why.
*/

/**
The layers (README "Architecture"), one way only. A relative import that leaves a folder names the layer
it reaches (`../core/…`, `../../cli/…` from deeper down: each layer's name is unique in the tree), so a
pattern on the import's path finds a wrong way whatever the depth. ESLint's own no-restricted-imports:
import-x/no-restricted-paths cannot resolve `../cli/x.js` to a .ts file here (no TypeScript resolver), and
so would silently pass everything. Type-only imports count too.
*/
const leavesTo = (...folders) => String.raw`^(?:\.\./)+(?:${folders.join('|')})(?:/|\.js$|$)`;
const notShipped = {regex: leavesTo('test', 'support', 'bench'), message: 'source never imports test, support or bench: they are not shipped (layers: README Architecture)'};
const layer = (folder, rule, patterns) => ({
	files: [`source/${folder}/**`],
	rules: {
		'no-restricted-imports': ['error', {
			patterns: [...patterns.map(pattern => ({message: `${rule} (layers: README Architecture)`, ...pattern})), notShipped],
		}],
	},
});
const noInk = {regex: String.raw`^(?:ink|react|ink-[\w-]+)(?:/|$)`};
const layers = [
	layer('protocol', 'protocol imports nothing of ours', [{regex: leavesTo('text', 'core', 'output', 'ui', 'cli', 'emulator')}]),
	layer('text', 'text imports nothing of ours', [{regex: leavesTo('protocol', 'core', 'output', 'ui', 'cli', 'emulator')}]),
	layer('core', 'core imports only core and protocol, never Ink or React', [{regex: leavesTo('text', 'output', 'ui', 'cli', 'emulator')}, noInk]),
	layer('output', 'output imports only core, protocol and text (never cli, emulator or ui)', [{regex: leavesTo('ui', 'cli', 'emulator')}]),
	layer('ui', 'ui imports only core, protocol and text (never cli, emulator or output)', [{regex: leavesTo('output', 'cli', 'emulator')}]),
	layer('emulator', 'emulator imports only emulator, protocol, text, core/clock and core/utils (never the client\'s rules or code)', [
		{regex: leavesTo('output', 'ui', 'cli')},
		{regex: String.raw`^(?:\.\./)+core/(?!clock\.js$|utils/)`},
	]),
	layer('cli', 'cli may import any layer', []),
];

/** @type {import('xo').FlatXoConfig} */
const xoConfig = [
	{ignores: ['dist/**', 'coverage/**', 'bench/results/**']},
	{
		react: true,
		rules: {
			// The automatic JSX runtime (tsconfig "jsx": "react-jsx") needs no React in scope.
			'react/react-in-jsx-scope': 'off',
			// JSX attributes take double quotes, as in Ink's own components and examples.
			'@stylistic/jsx-quotes': ['error', 'prefer-double'],
			// Snapshots and small option objects stay on one line when they fit.
			'@stylistic/object-curly-newline': 'off',
			// Null means "known to be absent" in snapshots, NDJSON and Frame.io's documents (JSON has no undefined).
			'@typescript-eslint/no-restricted-types': 'off',
			// Wire formats name things their own way: Frame.io's snake_case fields, HTTP headers, errno codes.
			'@typescript-eslint/naming-convention': 'off',
			// Boolean props are named as Ink names its own (bold, dimColor, inverse): follow, selected.
			'react/boolean-prop-naming': 'off',
			// Components are PascalCase files, as in Ink; everything else is kebab-case.
			// ChannelJoin#join() and phoenix.js's channel.join() are not Array#join: no separator to give.
			'unicorn/require-array-join-separator': 'off',
			'unicorn/filename-case': ['error', {cases: {kebabCase: true, pascalCase: true}}],
		},
	},
	...layers,
	{
		files: ['test/**', 'support/**', 'bench/**'],
		rules: {
			// Tests, their support and the benchmarks wait for one thing after another on purpose.
			'no-await-in-loop': 'off',
			'unicorn/no-await-expression-member': 'off',
			// Stand-ins for callbacks the code under test calls.
			'@typescript-eslint/no-empty-function': 'off',
		},
	},
];

export default xoConfig;
