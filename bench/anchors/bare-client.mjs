// The bare client of issue 10: `ws` and JSON.parse of each frame, nothing else. Joins the device's
// topic, says "joined", and "paused <frames>" at status_updated "paused"; then idles until killed.
// Usage: node bench/anchors/bare-client.mjs <socket URL> <device id>
import process from 'node:process';
import WebSocket from 'ws';

const [url, deviceId] = process.argv.slice(2);
const topic = `devices:${deviceId}`;
const socket = new WebSocket(url);
let frames = 0;
socket.on('open', () => socket.send(JSON.stringify({topic, event: 'phx_join', payload: {}, ref: '1'})));
socket.on('message', data => {
	const message = JSON.parse(data);
	frames++;
	if (message.event === 'phx_reply' && message.ref === '1') {
		process.stdout.write('joined\n');
	} else if (message.event === 'status_updated' && message.payload === 'paused') {
		process.stdout.write(`paused ${frames}\n`);
	}
});
socket.on('close', code => {
	process.exitCode = code === 1000 ? 0 : 1;
});
