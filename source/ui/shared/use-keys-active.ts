import {useStdin} from 'ink';

/**
Whether keys can be read: stdin is a terminal Ink can put in raw mode. Ink's type says boolean, but it
reports undefined, not false, for a pipe or /dev/null on stdin. Every key handler and the footer's key
hints follow this.
*/
export default function useKeysActive(): boolean {
	return (useStdin().isRawModeSupported as boolean | undefined) === true;
}
