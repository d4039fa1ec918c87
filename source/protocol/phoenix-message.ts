/**
Phoenix channel messages in the V1 JSON object format that Frame.io's device socket speaks:
`{"topic": "...", "event": "...", "payload": ..., "ref": ...}`.

Shared by the monitor and the emulator as types and names only; each side parses on its own
so that a bug in one is not mirrored by the other.
*/

export type PhoenixRef = string | number | null;

export type PhoenixMessage = {
	readonly topic: string;
	readonly event: string;
	readonly payload: unknown;
	readonly ref: PhoenixRef;
};

export type ReplyStatus = 'ok' | 'error';

export type ReplyPayload = {
	readonly status: ReplyStatus;
	readonly response: unknown;
};

export const phoenixEvents = {
	join: 'phx_join',
	leave: 'phx_leave',
	reply: 'phx_reply',
	error: 'phx_error',
	close: 'phx_close',
	heartbeat: 'heartbeat',
} as const;

/** The topic every heartbeat is sent on. */
export const heartbeatTopic = 'phoenix';

/** The event Frame.io pushes when a device is paused or resumed in its C2C Connections tab. */
export const statusUpdatedEvent = 'status_updated';

export type StatusUpdate = 'paused' | 'resumed';

export const deviceTopicPrefix = 'devices:';

export function deviceTopic(deviceId: string): string {
	return `${deviceTopicPrefix}${deviceId}`;
}

/** Frames larger than this are protocol errors on both sides (the emulator closes with 1009). */
export const maxFrameBytes = 1024 * 1024;

/** Where the device socket lives, relative to the API's origin. */
export const deviceSocketPath = '/devices/websocket';

/**
The identity document's `status` (GET /v2/devices/me), as Frame.io documents it. Shown only as a
detail: the guide asks for Paused and Connected instead.
*/
export type IdentityStatus = 'online' | 'offline' | 'paused';

export function isIdentityStatus(value: unknown): value is IdentityStatus {
	return value === 'online' || value === 'offline' || value === 'paused';
}
