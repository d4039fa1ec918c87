/**
The message in a Frame.io error body. Two shapes exist and both are handled:
simple `{"error": "invalid_client"}` and detailed
`{"code": 401, "errors": [{"detail": "...", "title": "..."}], "message": "Not Authorized"}`.
*/
export function errorBodyMessage(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return undefined;
	}

	const record = body as Record<string, unknown>;
	const errors = Array.isArray(record['errors']) ? record['errors'] : [];
	const first: unknown = errors[0];
	if (typeof first === 'object' && first !== null) {
		const {title, detail} = first as Record<string, unknown>;
		const parts = [title, detail].filter((part): part is string => typeof part === 'string' && part !== '');
		if (parts.length > 0) {
			return parts.join(': ');
		}
	}

	for (const key of ['message', 'error', 'error_description']) {
		const value = record[key];
		if (typeof value === 'string' && value !== '') {
			return value;
		}
	}

	return undefined;
}
