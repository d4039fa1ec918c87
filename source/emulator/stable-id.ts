import {createHash} from 'node:crypto';

/** A UUID-shaped id derived from a seed, so documents look the same on every run. */
export function stableUuid(seed: string): string {
	const hex = createHash('sha1').update(seed).digest('hex');
	// RFC 9562's variant: the top two bits of this byte are 10.
	const variant = ((Number.parseInt(hex.slice(16, 18), 16) % 64) + 128).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
