import {isRecord} from '../utils/is-record.js';

/**
The message in a Frame.io error body. Two shapes exist and both are handled:
simple `{"error": "invalid_client"}` and detailed
`{"code": 401, "errors": [{"detail": "...", "title": "..."}], "message": "Not Authorized"}`.
*/
export function errorBodyMessage(body: unknown): string | undefined {
	if (!isRecord(body)) {
		return undefined;
	}

	const errors: unknown[] = Array.isArray(body.errors) ? body.errors : [];
	const first = errors[0];
	if (isRecord(first)) {
		const {title, detail} = first;
		const parts = [title, detail].filter((part): part is string => typeof part === 'string' && part !== '');
		if (parts.length > 0) {
			return parts.join(': ');
		}
	}

	for (const key of ['message', 'error', 'error_description']) {
		const value = body[key];
		if (typeof value === 'string' && value !== '') {
			return value;
		}
	}

	return undefined;
}
