/** Ink marks a cut line with "…"; in ASCII mode that becomes "~" (one column either way). */
export function asciiOnly(text: string): string {
	return text.replaceAll('…', '~');
}

/**
The terminal stream, with every write passed through `asciiOnly`: the only non-ASCII character left
in --ascii mode is the ellipsis Ink itself adds when it truncates.
*/
export function asciiStdout(stream: NodeJS.WriteStream): NodeJS.WriteStream {
	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, ...rest: unknown[]) => (target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? asciiOnly(chunk) : chunk, ...rest);
			}

			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
