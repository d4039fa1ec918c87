/**
A log the process writes to its stdout or stderr, for a person or a `tee` to read. When the reader goes
away (`… | tee log` and Ctrl+C kills tee too), the next write fails with EPIPE, which Node emits as an
'error' event on the stream: with no listener, that crashes the process on its way out, before it has
done what it stops for (the emulator's audit report). Here an error on the stream means nobody reads the
log any more: later lines are dropped, and the process goes on and ends as it would.
*/
export type LogStream = {
	/** The stream failed (EPIPE, or any other error): nothing more is written to it. */
	readonly closed: boolean;
	/** Writes `text` unless the stream has failed or closed. */
	write(text: string): void;
};

export function logStream(stream: NodeJS.WriteStream): LogStream {
	let closed = false;
	stream.on('error', () => {
		closed = true;
	});
	return {
		get closed() {
			return closed;
		},
		write(text) {
			if (!closed && !stream.destroyed) {
				stream.write(text);
			}
		},
	};
}
