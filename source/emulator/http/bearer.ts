/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerFromHeader(header: string | undefined): string | undefined {
	const match = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
	return match?.[1];
}
