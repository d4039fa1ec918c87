import {afterEach, expect, it} from 'vitest';
import {cleanup, getJson, startTestEmulator} from '../helpers/emulator-fixture.js';
import {TestSocket} from '../helpers/ws-client.js';

afterEach(cleanup);

/*
Replays "How to: Manage Status and State" literally: the identity call, the websocat connection
with the token in the query, the join and heartbeat JSON strings exactly as the guide prints them,
and the replies compared with the guide's examples.
*/
it('replays the status guide walkthrough with its exact strings', async () => {
	const {emulator} = await startTestEmulator({devices: [{id: 'a7e95254-8cd6-4d59-b54d-28c58570a8de', token: 'ACCESS_TOKEN'}]});

	// "Fetching connection information": we need the id for the next section.
	const identity = await getJson(`${emulator.url}/v2/devices/me`, {headers: {authorization: 'Bearer ACCESS_TOKEN', 'x-client-version': '2.0.0'}});
	expect(identity.status).toBe(200);
	const {id} = (identity.body as {id: string});
	expect(id).toBe('a7e95254-8cd6-4d59-b54d-28c58570a8de');

	// Websocat -n "wss://api.frame.io/devices/websocket?Authorization=Bearer ACCESS_TOKEN": the space is sent as %20.
	const socket = await TestSocket.open(`${emulator.url.replace('http', 'ws')}/devices/websocket?Authorization=Bearer%20ACCESS_TOKEN`);

	const join = '{"topic":"devices:YOUR_DEVICE_ID", "event":"phx_join", "payload":"", "ref":"channel_connect"}'.replace('YOUR_DEVICE_ID', id);
	socket.send(join);
	const joinReply = await socket.next();
	const expectedJoinReply = '{"event":"phx_reply","payload":{"response":{},"status":"ok"},"ref":"channel_connect","topic":"devices:YOUR_DEVICE_ID"}'.replace('YOUR_DEVICE_ID', id);
	expect(joinReply.text).toBe(expectedJoinReply);
	const parsedJoin = JSON.parse(joinReply.text) as Record<string, unknown>;
	expect(Object.keys(parsedJoin)).toEqual(['event', 'payload', 'ref', 'topic']);
	expect(parsedJoin.event).toBe('phx_reply');
	expect(parsedJoin.payload).toEqual({response: {}, status: 'ok'});
	expect(Object.keys(parsedJoin.payload as object)).toEqual(['response', 'status']);
	expect(parsedJoin.ref).toBe('channel_connect');
	expect(parsedJoin.topic).toBe(`devices:${id}`);

	// "the server will accept formatted json": the same join, formatted across lines (a re-join).
	const formatted = `{\n    "topic": "devices:${id}",\n    "event": "phx_join",\n    "payload": "",\n    "ref": "channel_connect"\n}\n`;
	socket.send(formatted);
	expect(JSON.parse((await socket.next()).text)).toEqual({event: 'phx_close', payload: {}, ref: null, topic: `devices:${id}`});
	expect((await socket.next()).text).toBe(expectedJoinReply);

	socket.send('{"topic":"phoenix", "event":"heartbeat", "payload":"", "ref":"heartbeat"}');
	const heartbeatReply = await socket.next();
	expect(heartbeatReply.text).toBe('{"event":"phx_reply","payload":{"response":{},"status":"ok"},"ref":"heartbeat","topic":"phoenix"}');
	const parsedHeartbeat = JSON.parse(heartbeatReply.text) as Record<string, unknown>;
	expect(parsedHeartbeat).toEqual({event: 'phx_reply', payload: {response: {}, status: 'ok'}, ref: 'heartbeat', topic: 'phoenix'});

	// "the device ... will show your device as online".
	const state = emulator.control.state();
	expect(state.devices[0]!.status).toBe('online');
	expect(state.connections[0]!.joinedTopics).toEqual([`devices:${id}`]);
	expect(state.malformedReceived).toBe(0);

	// "If you receive an event from your socket connection. The event will be "status_updated" ..."
	emulator.control.pause();
	expect(JSON.parse((await socket.next()).text)).toEqual({event: 'status_updated', payload: 'paused', ref: null, topic: `devices:${id}`});
	emulator.control.resume();
	expect((await socket.next()).text).toBe(`{"event":"status_updated","payload":"resumed","ref":null,"topic":"devices:${id}"}`);
});
