import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		setupFiles: ['test/setup.ts'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// Real-terminal tests drive tmux; keep them from fighting over the two cores.
		fileParallelism: true,
		maxWorkers: 2,
	},
});
