/**
Xo, as Ink and ky use it, adjusted only where this code base has a deliberate style of its own.
Every rule turned off or changed here says why.
*/

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
