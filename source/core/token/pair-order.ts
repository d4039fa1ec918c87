import type {Credentials} from './credentials-file.js';

/**
Whether a pair found in the credentials file may replace the one held: only a newer one. A process whose
write failed (a full disk) holds a newer pair than the file, whose refresh token it has already spent:
taking the file's pair back would spend that token a second time, and Frame.io ends the session.

- A refresh token this process once held and gave up (`retired`) is never taken back: it is spent, or
  belongs to a pairing that was replaced. This alone settles the full-disk case, whatever the clocks say.
- Another pairing (`pairedAt` differs) is taken: a person ran `c2c-status pair` again, and the file is
  theirs. (Its time is not compared: a clock set back must not make a new pairing look old.)
- Within one pairing, the higher `rotation` (refreshes since pairing) is the newer. A file an earlier
  c2c-status wrote has no rotation: then the later `issuedAt` is the newer. Such a file is not taken as
  older than any pair with a rotation, because an earlier c2c-status sharing the file (during an upgrade)
  writes only pairs it has just refreshed: refusing them would make this process spend a dead token.
*/
export function isNewerPair(candidate: Credentials, held: Credentials, retired: ReadonlySet<string>): boolean {
	if (candidate.refreshToken === held.refreshToken || retired.has(candidate.refreshToken)) {
		return false;
	}

	if (candidate.pairedAt !== held.pairedAt) {
		return true;
	}

	if (candidate.rotation !== undefined && held.rotation !== undefined) {
		return candidate.rotation > held.rotation;
	}

	return candidate.issuedAt > held.issuedAt;
}

/** The pair after `credentials`, one rotation on. */
export function nextRotation(credentials: Credentials): number {
	return (credentials.rotation ?? 0) + 1;
}
