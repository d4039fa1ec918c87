import {phoenixEvents, statusUpdatedEvent, type PhoenixMessage, type StatusUpdate} from '../../protocol/phoenix-message.js';
import {readReason} from './phoenix-codec.js';

/** What a frame the server pushed (anything but a reply) means for the device channel. */
export type DevicePush =
	| {readonly kind: 'status'; readonly value: StatusUpdate}
	| {readonly kind: 'invalid-status'; readonly detail: string}
	| {readonly kind: 'channel-lost'; readonly why: string}
	| {readonly kind: 'unknown'};

/**
Frame.io's only documented push is `status_updated` with "paused" or "resumed". phx_error and
phx_close on the device topic mean the channel is gone; anything else is shown, not acted on.
*/
export function readDevicePush(message: PhoenixMessage, topic: string | undefined): DevicePush {
	if (message.topic !== topic) {
		return {kind: 'unknown'};
	}

	if (message.event === statusUpdatedEvent) {
		return message.payload === 'paused' || message.payload === 'resumed'
			? {kind: 'status', value: message.payload}
			: {kind: 'invalid-status', detail: `status_updated with payload ${JSON.stringify(message.payload) ?? 'undefined'}, not "paused" or "resumed"`.slice(0, 160)};
	}

	if (message.event === phoenixEvents.error || message.event === phoenixEvents.close) {
		const reason = readReason(message.payload);
		return {kind: 'channel-lost', why: `${message.event} from the server${reason ? `: ${reason}` : ''}`};
	}

	return {kind: 'unknown'};
}
