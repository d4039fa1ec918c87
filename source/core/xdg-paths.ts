import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';

/** The application's folder name under the XDG base directories. */
export const appDirectoryName = 'c2c-status';

type Environment = Readonly<Record<string, string | undefined>>;

/**
Where c2c-status keeps state that may be lost without harm (the last identity of each device):
`$XDG_STATE_HOME/c2c-status`, or `~/.local/state/c2c-status`. A relative XDG value is ignored, as
the XDG Base Directory specification asks.
*/
export function stateDirectory(env: Environment): string {
	return join(xdgBase(env.XDG_STATE_HOME, ['.local', 'state']), appDirectoryName);
}

/** Where c2c-status keeps configuration and credentials: `$XDG_CONFIG_HOME/c2c-status`, or `~/.config/c2c-status`. */
export function configDirectory(env: Environment): string {
	return join(xdgBase(env.XDG_CONFIG_HOME, ['.config']), appDirectoryName);
}

function xdgBase(value: string | undefined, fallback: readonly string[]): string {
	return value && isAbsolute(value) ? value : join(homedir(), ...fallback);
}
