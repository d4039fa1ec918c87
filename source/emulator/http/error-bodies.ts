/**
The two error shapes Frame.io answers with: the detailed one
`{"code":401,"errors":[{"code":401,"detail":"…","status":401,"title":"Not Authorized"}],"message":"Not Authorized"}`
and the simple one `{"error":"invalid_client"}` used by the auth endpoints.
*/
export type DetailedErrorBody = {
	readonly code: number;
	readonly errors: ReadonlyArray<{
		readonly code: number;
		readonly detail: string;
		readonly status: number;
		readonly title: string;
	}>;
	readonly message: string;
};

export type SimpleErrorBody = {readonly error: string};

export function detailedError(code: number, title: string, detail: string): DetailedErrorBody {
	return {code, errors: [{code, detail, status: code, title}], message: title};
}

export const notAuthorizedBody = (): DetailedErrorBody =>
	detailedError(401, 'Not Authorized', 'You are not allowed to access that resource');

export const serviceUnavailableBody = (): DetailedErrorBody =>
	detailedError(503, 'Service Unavailable', 'The service is temporarily unavailable, please try again later');

export const notFoundBody = (): DetailedErrorBody =>
	detailedError(404, 'Not Found', 'The requested resource could not be found');

export const methodNotAllowedBody = (): DetailedErrorBody =>
	detailedError(405, 'Method Not Allowed', 'This method is not allowed on the requested resource');

export const tooManyRequestsBody = (): DetailedErrorBody =>
	detailedError(429, 'Too Many Requests', 'The identity endpoint may be polled at most once every 60 seconds');

export const payloadTooLargeBody = (): DetailedErrorBody =>
	detailedError(413, 'Payload Too Large', 'The request body is larger than 1 MiB');

export const internalErrorBody = (): DetailedErrorBody =>
	detailedError(500, 'Internal Server Error', 'The emulator failed to handle the request');

/** The RFC 8628 / OAuth codes the auth endpoints answer with (HTTP 400). */
export type AuthErrorCode =
	| 'authorization_pending'
	| 'expired_token'
	| 'invalid_client'
	| 'invalid_grant'
	| 'invalid_request'
	| 'slow_down';
