/**
A value the person typed, made safe to echo back in a message: control characters (C0, C1, DEL)
become "?", so a pasted escape sequence cannot act on the terminal, and long values are cut.
*/
export function printable(value: string, max = 80): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
	const safe = value.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '?');
	return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
