import {homedir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {configDirectory, stateDirectory} from '../../source/core/xdg-paths.js';

describe('XDG paths', () => {
	it('uses XDG_STATE_HOME and XDG_CONFIG_HOME when they are absolute', () => {
		expect(stateDirectory({XDG_STATE_HOME: '/var/lib/cart'})).toBe('/var/lib/cart/c2c-status');
		expect(configDirectory({XDG_CONFIG_HOME: '/etc/cart'})).toBe('/etc/cart/c2c-status');
	});

	it('falls back to ~/.local/state and ~/.config when unset, empty or relative', () => {
		for (const value of [undefined, '', 'relative/state']) {
			expect(stateDirectory({XDG_STATE_HOME: value})).toBe(join(homedir(), '.local', 'state', 'c2c-status'));
			expect(configDirectory({XDG_CONFIG_HOME: value})).toBe(join(homedir(), '.config', 'c2c-status'));
		}
	});
});
