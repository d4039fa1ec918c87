import {printable} from '../text/sanitize.js';
import {UsageError} from './usage-error.js';

export type FlagDefinition = {
	readonly type: 'string' | 'boolean';
	/** Boolean flags that default to true and are turned off with `--no-<name>`. */
	readonly negatable?: boolean;
};

export type FlagDefinitions = Readonly<Record<string, FlagDefinition>>;

/** The values meow parses for a set of definitions: each flag optional, a string or a boolean by its type. */
export type RawFlags<T extends FlagDefinitions> = {-readonly [Name in keyof T]?: T[Name]['type'] extends 'string' ? string : boolean};

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/**
Rejects any flag the mode does not define, before meow sees the arguments, so the message can
name the flag and point at --help. Also catches a value flag given without its value.
*/
export function checkFlags(argv: readonly string[], flags: FlagDefinitions, command: string): void {
	const byName = new Map<string, FlagDefinition>();
	for (const [name, definition] of Object.entries(flags)) {
		byName.set(kebab(name), definition);
	}

	byName.set('help', {type: 'boolean'});
	byName.set('version', {type: 'boolean'});

	const seen = new Map<string, string>();
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--') {
			break;
		}

		if (!argument.startsWith('-') || argument === '-') {
			continue;
		}

		if (!argument.startsWith('--')) {
			throw new UsageError(`unknown flag ${printable(argument)}. See '${command} --help'.`);
		}

		const [rawName = '', inlineValue] = argument.slice(2).split(/=(.*)/s, 2);
		const negated = rawName.startsWith('no-') && byName.get(rawName.slice(3))?.negatable === true;
		const definition = negated ? byName.get(rawName.slice(3)) : byName.get(rawName);
		if (!definition) {
			throw new UsageError(`unknown flag --${printable(rawName)}. See '${command} --help'.`);
		}

		// One value per flag: a second one would silently win, or be refused with meow's camelCase name.
		const canonical = negated ? rawName.slice(3) : rawName;
		const earlier = seen.get(canonical);
		if (earlier !== undefined) {
			const typed = `--${rawName}`;
			throw new UsageError(`${typed} was given more than once${earlier === typed ? '' : ` (also as ${earlier})`}. See '${command} --help'.`);
		}

		seen.set(canonical, `--${rawName}`);

		if (definition.type === 'string' && inlineValue === undefined) {
			const next = argv[index + 1];
			if (next === undefined || (next.startsWith('--') && next.length > 2)) {
				throw new UsageError(`--${rawName} needs a value. See '${command} --help'.`);
			}

			index++;
		}
	}
}

type MeowFlag = {readonly type: 'string'} | {readonly type: 'boolean'; readonly default?: boolean};

/** The same definitions in meow's shape (negatable booleans default to true). */
export function toMeowFlags(flags: FlagDefinitions): Record<string, MeowFlag> {
	return Object.fromEntries(Object.entries(flags).map(([name, {type, negatable}]): [string, MeowFlag] => [
		name,
		type === 'boolean' ? (negatable ? {type, default: true} : {type}) : {type},
	]));
}
