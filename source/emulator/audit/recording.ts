import type {AuditLog, ClientLog} from './audit-log.js';
import type {Peer} from './observation.js';

/** What a recording step works on: the log, and the clients an observation is attributed to. */
export type Recording = {
	readonly log: AuditLog;
	/** The device's client; with a peer, that peer is linked to the device and its user agent noted. */
	device(deviceId: string, peer?: Peer): ClientLog;
	/** The client of a peer that has shown no token a device knows. */
	peer(peer: Peer): ClientLog;
	/** The device's client when the device is known, otherwise the peer's. */
	client(deviceId: string | undefined, peer: Peer): ClientLog;
};
