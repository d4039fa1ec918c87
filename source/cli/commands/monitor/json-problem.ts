/**
What is wrong with a file JSON.parse refused, without a word of the file: V8's message may quote the
text around the mistake (a token written in the file among it), with its control characters and line
breaks. Only the place is told, as a line and a column, when V8 gives a position.
*/
export function jsonProblem(error: unknown, text: string): string {
	const message = error instanceof Error ? error.message : '';
	if (message === 'Unexpected end of JSON input') {
		return 'not JSON (it ends too soon)';
	}

	const position = /at position (\d+)/.exec(message)?.[1];
	if (position === undefined) {
		return 'not JSON';
	}

	const index = Math.min(Number(position), text.length);
	const before = text.slice(0, index);
	const line = before.split('\n').length;
	const column = index - before.lastIndexOf('\n');
	return `not JSON (line ${line}, column ${column})`;
}
