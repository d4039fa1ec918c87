import type {Redactor} from '../../core/token/redact.js';

/** Variables that hold a secret by their very name. */
const secretVariables = ['FRAMEIO_TOKEN', 'FRAMEIO_CLIENT_SECRET'];

export type HookEnvironmentOptions = {
	/** More variables that hold a secret: the ones a --config file names with `tokenEnv`. */
	readonly secretVariables?: readonly string[];
	/** The secrets the monitor knows: a variable whose value holds one is left out too. */
	readonly redact?: Redactor;
};

/**
The hook's environment: the monitor's own, less every variable that holds a token or a client secret,
plus the C2C_* variables (redacted too: a name from the server could hold anything). A hook is a
command line of someone else's (a notifier, curl to a chat): it has no need of the device's token,
and whatever it logs or posts must not carry it.
*/
export function hookEnvironment(base: NodeJS.ProcessEnv, variables: Readonly<Record<string, string>>, options: HookEnvironmentOptions = {}): NodeJS.ProcessEnv {
	const redact = options.redact ?? ((text: string) => text);
	const dropped = new Set([...secretVariables, ...options.secretVariables ?? []]);
	const kept = Object.entries(base).filter(([name, value]) => !dropped.has(name) && (value === undefined || redact(value) === value));
	return {...Object.fromEntries(kept), ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, redact(value)]))};
}
