/**
Ink marks a cut line with "…", which becomes "~"; any other non-ASCII character (from the server's
names and payloads, or the replacement mark for a control character) becomes "?".
*/
export function asciiOnly(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll('…', '~').replaceAll(/[^\u0000-\u007F]/gu, '?');
}

/** The terminal stream, with every write passed through `asciiOnly`, for --ascii. */
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
