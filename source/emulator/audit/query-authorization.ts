import {socketAuthorizationParameter, socketAuthorizationScheme, socketAuthorizationSpace} from './audit-rules.js';

export type QueryAuthorizationForm = {
	/** `kept`: `Bearer%20<token>`; `warning`: a form Frame.io's server likely accepts but the guide does not show; `broken`: the rest. */
	readonly verdict: 'kept' | 'warning' | 'broken';
	/** What was sent, with the token replaced by `<token>`: never the token itself. */
	readonly shown: string;
	/** Why it is not the guide's form (empty when kept). */
	readonly why: string;
};

/**
The first `Authorization` parameter of a request target's query, exactly as sent (not decoded), and
whether one in another case was there instead. For the upgrade hook.
*/
export function rawQueryAuthorization(requestTarget: string): {readonly value: string | undefined; readonly otherCase: boolean} {
	const queryStart = requestTarget.indexOf('?');
	const query = queryStart === -1 ? '' : requestTarget.slice(queryStart + 1).split('#', 1)[0] ?? '';
	let otherCase = false;
	for (const part of query.split('&')) {
		const equals = part.indexOf('=');
		const name = equals === -1 ? part : part.slice(0, equals);
		const value = equals === -1 ? '' : part.slice(equals + 1);
		if (name === socketAuthorizationParameter) {
			return {value, otherCase: false};
		}

		if (name.toLowerCase() === socketAuthorizationParameter.toLowerCase()) {
			otherCase = true;
		}
	}

	return {value: undefined, otherCase};
}

/** The scheme word, the separator as sent, and whether anything follows it. */
const shape = /^([A-Za-z]*)(%20|\+|%2520|%2B|%2b|%09| )?(.*)$/s;

function missing(otherCase: boolean, header: boolean): QueryAuthorizationForm {
	const where = otherCase
		? ' (only a parameter named authorization in another case)'
		: (header ? ' (the token was sent in an Authorization header)' : '');
	return {verdict: 'broken', shown: '', why: `no ${socketAuthorizationParameter} in the query${where}`};
}

/** Why a value with a scheme, a separator and a token is not the guide's form. */
function formOf(scheme: string, separator: string): Pick<QueryAuthorizationForm, 'verdict' | 'why'> {
	const bearer = scheme.toLowerCase() === socketAuthorizationScheme.toLowerCase();
	if (!bearer) {
		return {verdict: 'broken', why: 'not a Bearer token'};
	}

	if (separator === '+') {
		return {verdict: 'warning', why: 'a + for the space, which form decoding reads as a space; the guide writes %20'};
	}

	if (separator !== socketAuthorizationSpace) {
		return {verdict: 'broken', why: separator === '%2520' ? 'the space encoded twice' : 'the space is not encoded as %20'};
	}

	return scheme === socketAuthorizationScheme
		? {verdict: 'kept', why: ''}
		: {verdict: 'warning', why: `the scheme spelled ${scheme}; the guide writes ${socketAuthorizationScheme}`};
}

/** Judges one upgrade's query value against the guide's `Authorization=Bearer%20<token>`. */
export function judgeQueryAuthorization(value: string | undefined, otherCase: boolean, header: boolean): QueryAuthorizationForm {
	if (value === undefined) {
		return missing(otherCase, header);
	}

	const [, scheme = '', separator = '', rest = ''] = shape.exec(value) ?? [];
	// Only a Bearer scheme is shown as sent: anything else might be (part of) the token itself.
	const isBearer = scheme.toLowerCase() === socketAuthorizationScheme.toLowerCase();
	const token = separator === '' ? `<${value.length} characters>` : `${isBearer ? scheme : `<${scheme.length} characters>`}${separator}<token>`;
	const shown = `${socketAuthorizationParameter}=${token}`;
	if (separator === '') {
		return {verdict: 'broken', shown, why: 'no "Bearer " before the token'};
	}

	if (rest === '') {
		return {verdict: 'broken', shown, why: 'no token after the scheme'};
	}

	return {shown, ...formOf(scheme, separator)};
}
