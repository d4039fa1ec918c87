import type {AuthErrorCode, SimpleErrorBody} from '../http/error-bodies.js';
import type {HttpReply, HttpRequest} from '../http/http-types.js';
import {parseForm, type FormFields} from '../http/parse-form.js';

/** A 400 with `{"error": code}`, as every auth endpoint answers a refusal. */
export const authFailure = (error: AuthErrorCode): HttpReply => ({status: 400, body: {error} satisfies SimpleErrorBody});

/** The form of an auth request (multipart or urlencoded); anything else is an HttpError 400 invalid_request. */
export async function readAuthForm(request: HttpRequest): Promise<FormFields> {
	return parseForm(await request.body(), request.headers['content-type']);
}

/**
Checks client_id, client_secret and the other required fields: a missing one is invalid_request (even
with a wrong secret), a wrong secret invalid_client. Undefined when all is well.
*/
export function checkClient(fields: FormFields, clientSecret: string, required: readonly string[]): AuthErrorCode | undefined {
	for (const name of ['client_id', 'client_secret', ...required]) {
		if (!fields.get(name)) {
			return 'invalid_request';
		}
	}

	return fields.get('client_secret') === clientSecret ? undefined : 'invalid_client';
}
