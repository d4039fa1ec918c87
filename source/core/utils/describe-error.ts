/**
One line for anything thrown: the message, followed by the causes that say more. Node's fetch throws
a bare "fetch failed" and puts the reason (ECONNREFUSED, "bad port" …) in `cause`.
*/
export function describeError(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
		const message = messageOf(current);
		if (message && !parts.some(part => part.includes(message))) {
			parts.push(message);
		}

		current = current instanceof Error ? current.cause : undefined;
	}

	return parts.join(': ') || 'unknown error';
}

function messageOf(value: unknown): string {
	if (value instanceof AggregateError && value.message === '') {
		return value.errors.map(inner => messageOf(inner)).filter(Boolean).join(', ');
	}

	if (value instanceof Error) {
		return value.message;
	}

	return typeof value === 'string' ? value : String(value);
}
