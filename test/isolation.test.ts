import {homedir} from 'node:os';
import process from 'node:process';
import {expect, it} from 'vitest';
import {configDirectory, stateDirectory} from '../source/core/xdg-paths.js';

it('runs every test in a home of its own, never the person\'s configuration or state', () => {
	expect(homedir()).toMatch(/c2c-status-test-home-\w+$/);
	expect(stateDirectory(process.env).startsWith(homedir())).toBe(true);
	expect(configDirectory(process.env).startsWith(homedir())).toBe(true);
	expect(process.env.FRAMEIO_TOKEN).toBeUndefined();
});
