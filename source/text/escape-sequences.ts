/**
Every escape sequence a terminal acts on, as one pattern:
- CSI: `ESC [`, its parameter bytes (group 1), intermediate bytes (group 2) and final byte (group 3);
  SGR styles (`ESC [ 1 ; 32 m`), cursor moves and erases are all CSI;
- OSC (`ESC ]`, a title or a hyperlink), ended by BEL or ST, or by the end of the text;
- DCS, SOS, PM and APC (`ESC P`, `ESC X`, `ESC ^`, `ESC _`), ended by ST or by the end of the text;
- the two-character escapes from `ESC @` to `ESC _` (`ESC M` …); any other ESC is left to controlCharacters;
- the 8-bit CSI (U+009B) and its parameters.

The sanitizer removes what it matches; the screen writer reads Ink's frames with it (SGR through the
groups, anything else kept whole); --ascii keeps what it matches as it is. Global: use it with
`replaceAll` and `matchAll`, which do not depend on its `lastIndex`.
*/
// eslint-disable-next-line no-control-regex -- escape sequences are made of control characters
export const escapeSequences = /\u001B(?:\[([0-?]*)([ -/]*)([@-~])|][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_])|\u009B[0-?]*[ -/]*[@-~]/g;
