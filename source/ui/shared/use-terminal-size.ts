import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

const defaultSize: TerminalSize = {columns: 80, rows: 24};

function measure(stdout: NodeJS.WriteStream, fallback: TerminalSize): TerminalSize {
	return {columns: stdout.columns || fallback.columns, rows: stdout.rows || fallback.rows};
}

/** The terminal's size, following resizes (Ink 6 has no hook for this); `fallback` where the stream knows none. */
export default function useTerminalSize(fallback = defaultSize): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => measure(stdout, fallback));
	// The fallback's numbers, not the object: a caller may pass a new one each render.
	const {columns: fallbackColumns, rows: fallbackRows} = fallback;
	useEffect(() => {
		const onResize = () => {
			setSize(measure(stdout, {columns: fallbackColumns, rows: fallbackRows}));
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fallbackColumns, fallbackRows]);
	return size;
}
