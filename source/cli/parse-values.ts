import {printable} from '../text/sanitize.js';
import {UsageError} from './usage-error.js';

/** A whole number within [min, max], or a UsageError naming the flag. */
export function parseInteger(flag: string, value: string, min: number, max: number): number {
	if (!/^\d+$/.test(value.trim())) {
		throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${printable(value)}".`);
	}

	const number = Number(value.trim());
	if (number < min || number > max) {
		throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got ${number}.`);
	}

	return number;
}

/** A number of seconds, fractions allowed, at least `min`. */
export function parseSeconds(flag: string, value: string, min: number, max = 86_400): number {
	const trimmed = value.trim();
	const number = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
	if (!Number.isFinite(number) || number < min || number > max) {
		throw new UsageError(`--${flag} must be a number of seconds from ${min} to ${max}, got "${printable(value)}".`);
	}

	return number;
}

export function parseChoice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
	if ((choices as readonly string[]).includes(value)) {
		return value as T;
	}

	throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${printable(value)}".`);
}

export function parseNonEmpty(flag: string, value: string): string {
	if (value.trim() === '') {
		throw new UsageError(`--${flag} must not be empty.`);
	}

	return value;
}
