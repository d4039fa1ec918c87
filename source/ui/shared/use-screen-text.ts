import {useCallback, useContext} from 'react';
import {sanitize} from '../../text/sanitize.js';
import RedactContext from './RedactContext.js';

/**
What SafeText does to a string before drawing it (secrets out, then sanitized), for text that must be
measured or cut first: cutting comes after, so a cut can neither split a secret nor count escape codes.
*/
export default function useScreenText(): (text: string) => string {
	const redact = useContext(RedactContext);
	return useCallback((text: string) => sanitize(redact(text)), [redact]);
}
