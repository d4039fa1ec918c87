import {spawnSync} from 'node:child_process';
import {relative} from 'node:path';
import process from 'node:process';
import {defineConfig} from 'vitest/config';
import {BaseSequencer, type TestSpecification} from 'vitest/node';

/**
Tests that drive real programs run only where those programs are installed. Elsewhere `npm test`
says in one line what it skipped and how to run it; CI (`.ci/run`) installs them and sets
C2C_REQUIRE_REAL_COMPONENTS=1, so there a missing program fails the run instead.
*/
const realComponents = [
	{programs: [['tmux', '-V']], tests: 'test/e2e/**', what: 'the real-terminal tests (test/e2e)', install: 'apt-get install tmux'},
	{
		programs: [['prometheus', '--version'], ['promtool', '--version']],
		tests: 'test/prometheus/**',
		what: 'the tests against a real Prometheus and promtool (test/prometheus)',
		install: 'apt-get install prometheus',
	},
] as const;

const runs = (program: string, probe: string) => spawnSync(program, [probe], {stdio: 'ignore'}).status === 0;
const missing = realComponents
	.map(component => ({...component, absent: component.programs.filter(([program, probe]) => !runs(program, probe)).map(([program]) => program)}))
	.filter(component => component.absent.length > 0);
if (missing.length > 0 && process.env.C2C_REQUIRE_REAL_COMPONENTS === '1') {
	throw new Error(`C2C_REQUIRE_REAL_COMPONENTS=1 but ${missing.flatMap(component => component.absent).join(', ')} cannot be run`);
}

for (const component of missing) {
	console.log(`${component.absent.join(' and ')} not found: skipped ${component.what}; to run them, ${component.install} and run npm test again.`);
}

/**
Files that last minutes of real time (the issue asks for three processes watched for five real
minutes). They start first, so that everything else runs beside them on the other worker: vitest
would start them first only from its duration cache, which a fresh clone (CI) does not have, and
without it they start last and the run takes their five minutes after everything else.
*/
const longFiles = new Set(['test/cli/commands/monitor/shared-identity.test.ts']);

/** The known-long files first, then the rest in vitest's own order (the cache's durations, or the largest files first). */
class LongFilesFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const long = (file: TestSpecification) => longFiles.has(relative(file.project.config.root, file.moduleId).replaceAll('\\', '/'));
		return [...sorted.filter(file => long(file)), ...sorted.filter(file => !long(file))];
	}
}

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		exclude: ['**/node_modules/**', ...missing.map(component => component.tests)],
		globalSetup: ['test/global-setup.ts'],
		setupFiles: ['test/setup.ts'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// Real-terminal tests drive tmux; keep them from fighting over the two cores.
		fileParallelism: true,
		maxWorkers: 2,
		sequence: {sequencer: LongFilesFirst},
	},
});
