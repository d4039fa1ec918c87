import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

/** The terminal's size, following resizes (Ink 6 has no hook for this). */
const defaultSize: TerminalSize = {columns: 80, rows: 24};

export default function useTerminalSize(fallback = defaultSize): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({columns: stdout.columns || fallback.columns, rows: stdout.rows || fallback.rows});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => {
			setSize(read());
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [stdout]);
	return size;
}
