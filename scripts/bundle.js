/*
Bundles the CLI into dist/cli.js (and dist/chunks/, one per lazily loaded command or view), after tsc
has type-checked and emitted dist/. One file per chunk instead of some 400 modules: Node resolves,
reads and compiles far less at start, which is most of the time to a first screen on a capture box.
The rest of dist/ (tsc's output) stays for the benchmarks and anyone importing the emulator.
*/
import {readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {build} from 'esbuild';

/*
Two of Ink's parts are replaced by ones that remember the last frame (see each file): its Output, which
turns a frame's writes into lines, and the widest-line it measures every text with. Each is written
against Ink 6.8.0: another Ink stops the build here, until the two have been compared with its own.
*/
const inkVersion = '6.8.0';
const inkParts = {
	'./output.js': {importers: ['renderer.js'], replacement: 'source/ui/screen/ink-output.ts'},
	'widest-line': {importers: ['render-node-to-output.js', 'measure-text.js'], replacement: 'source/ui/screen/ink-widest-line.ts'},
};
const {version: installedInk} = JSON.parse(await readFile('node_modules/ink/package.json', 'utf8'));
if (installedInk !== inkVersion) {
	throw new Error(`Ink is ${installedInk}, but source/ui/screen/ink-output.ts and ink-widest-line.ts replace parts of Ink ${inkVersion}: `
		+ 'compare them with the new Ink\'s build/output.js and its use of widest-line, then update inkVersion in scripts/bundle.js.');
}

/** Puts the replacements in place of the parts they replace, for Ink's own imports only. */
const inkPartsPlugin = {
	name: 'ink-parts',
	setup(build) {
		build.onResolve({filter: /^(?:\.\/output\.js|widest-line)$/}, ({path: specifier, importer}) => {
			const part = inkParts[specifier];
			const fromInk = part.importers.some(file => importer.endsWith(path.join('node_modules', 'ink', 'build', file)));
			return fromInk ? {path: path.resolve(part.replacement)} : undefined;
		});
	},
};

await rm('dist/chunks', {recursive: true, force: true});
// The name, version and description go into the bundle: dist/ copied alone to a capture box has no package.json.
const {name, version, description, bin} = JSON.parse(await readFile('package.json', 'utf8'));
try {
	await build({
		entryPoints: ['cli.tsx'],
		outdir: 'dist',
		chunkNames: 'chunks/[name]-[hash]',
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		// React's production build, decided when bundling rather than at run time (the development
		// build renders about 4x slower); the same holds for anything else that reads NODE_ENV.
		define: {'process.env.NODE_ENV': '"production"', C2C_STATUS_PACKAGE: JSON.stringify({name, version, description, bin})},
		// Ink loads React's devtools only when DEV is set; they are not installed.
		external: ['react-devtools-core'],
		// Smaller and faster to parse; names are kept readable in stack traces.
		minifyWhitespace: true,
		minifySyntax: true,
		// CommonJS dependencies (react, ws …) call require(): give the ESM bundle one.
		banner: {js: 'import {createRequire as __createRequire} from \'node:module\'; const require = __createRequire(import.meta.url);'},
		logLevel: 'warning',
		plugins: [inkPartsPlugin],
	});
} catch {
	// Esbuild has printed what went wrong.
	process.exitCode = 1;
}
