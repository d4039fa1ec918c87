import {Buffer} from 'node:buffer';
/**
What the one-shot `sendMalformed` fault sends to every open socket, one frame of each kind a
client must survive.
*/
export type MalformedFrame = {readonly kind: string; readonly data: string | Buffer};

export function malformedFrames(topic: string): readonly MalformedFrame[] {
	return [
		{kind: 'not JSON', data: 'this is not JSON {'},
		{kind: 'JSON array (V2 framing)', data: JSON.stringify([null, null, topic, 'phx_reply', {}])},
		{kind: 'JSON scalar', data: '42'},
		{kind: 'JSON null', data: 'null'},
		{kind: 'object missing ref', data: JSON.stringify({event: 'phx_reply', payload: {response: {}, status: 'ok'}, topic})},
		{kind: 'object with wrong types', data: JSON.stringify({event: 42, payload: null, ref: {}, topic: ['x']})},
		{kind: 'reply with unknown status', data: JSON.stringify({event: 'phx_reply', payload: {response: {}, status: 'maybe'}, ref: 'no-such-ref', topic})},
		{kind: 'binary frame', data: Buffer.from([0x00, 0xFF, 0x7B, 0x0A])},
	];
}
