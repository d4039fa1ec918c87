import {type Buffer} from 'node:buffer';
import {HttpError} from './http-types.js';

export type FormFields = ReadonlyMap<string, string>;

const invalidRequest = () => new HttpError({status: 400, body: {error: 'invalid_request'}});

/**
Parses a multipart/form-data or application/x-www-form-urlencoded body (Frame.io's auth endpoints
take multipart; curl users often send urlencoded). File parts are ignored.
Anything else is a 400 `{"error":"invalid_request"}`.
*/
export async function parseForm(body: Buffer, contentType: string | undefined): Promise<FormFields> {
	if (!contentType || !/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(contentType)) {
		throw invalidRequest();
	}

	let data: FormData;
	try {
		// eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated for servers as it holds the whole body in memory; read-body.ts caps it at 1 MiB
		data = await new Response(new Uint8Array(body), {headers: {'content-type': contentType}}).formData();
	} catch {
		throw invalidRequest();
	}

	const fields = new Map<string, string>();
	for (const [key, value] of data) {
		if (typeof value === 'string') {
			fields.set(key, value);
		}
	}

	return fields;
}
