import {connect} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, getJson, postJson, startTestEmulator} from '../../helpers/emulator-fixture.js';

afterEach(cleanup);

describe('GET /health', () => {
	it('answers {"ok": true} without auth', async () => {
		const {emulator} = await startTestEmulator();
		const response = await getJson(`${emulator.url}/health`);
		expect(response.status).toBe(200);
		expect(response.text).toBe('{"ok":true}');
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	});

	it('answers {"status":"ok"} with healthShape "status"', async () => {
		const {emulator} = await startTestEmulator({healthShape: 'status'});
		const response = await getJson(`${emulator.url}/health`);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({status: 'ok'});
		expect(emulator.control.state().health).toEqual({ok: true, shape: 'status', checks: 1});
	});

	it('answers 503 with the detailed error body while health is off, and recovers', async () => {
		const {emulator} = await startTestEmulator();
		emulator.control.setHealth(false);
		const down = await getJson(`${emulator.url}/health`);
		expect(down.status).toBe(503);
		expect(down.body).toEqual({
			code: 503,
			errors: [{code: 503, detail: expect.any(String) as string, status: 503, title: 'Service Unavailable'}],
			message: 'Service Unavailable',
		});
		expect(Object.keys(down.body as object)).toEqual(['code', 'errors', 'message']);
		expect(emulator.control.state().health.ok).toBe(false);

		emulator.control.setHealth(true);
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
	});

	it('is switched by POST /_emulator/health', async () => {
		const {emulator} = await startTestEmulator();
		const off = await postJson(`${emulator.url}/_emulator/health`, {ok: false});
		expect(off).toMatchObject({status: 200, body: {ok: false, shape: 'ok'}});
		expect((await getJson(`${emulator.url}/health`)).status).toBe(503);
		await postJson(`${emulator.url}/_emulator/health`, {ok: true});
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
	});
});

describe('unknown paths and methods', () => {
	it('answers 404 with the detailed body for an unknown path', async () => {
		const {emulator} = await startTestEmulator();
		for (const path of ['/nope', '/v2/devices', '/_emulator/nope', '/devices/websocket']) {
			const response = await getJson(`${emulator.url}${path}`);
			expect(response.status, path).toBe(404);
			expect(response.body).toMatchObject({code: 404, errors: [{code: 404, status: 404, title: 'Not Found'}], message: 'Not Found'});
		}
	});

	it('answers 405 for a wrong method, with Allow', async () => {
		const {emulator} = await startTestEmulator();
		const cases: Array<[string, string, string]> = [
			['POST', '/health', 'GET'],
			['DELETE', '/v2/devices/me', 'GET'],
			['GET', '/_emulator/pause', 'POST'],
			['POST', '/_emulator/state', 'GET'],
			['GET', '/v2/auth/token', 'POST'],
		];
		for (const [method, path, allow] of cases) {
			const response = await getJson(`${emulator.url}${path}`, {method});
			expect(response.status, `${method} ${path}`).toBe(405);
			expect(response.headers.get('allow')).toBe(allow);
			expect(response.body).toMatchObject({code: 405, errors: [{title: 'Method Not Allowed'}]});
		}
	});

	it('answers 413 for a body over 1 MiB', async () => {
		const {emulator} = await startTestEmulator();
		const response = await postJson(`${emulator.url}/_emulator/pause`, `{"x":"${'a'.repeat(1024 * 1024)}"}`);
		expect(response.status).toBe(413);
		expect(response.body).toMatchObject({code: 413, errors: [{title: 'Payload Too Large'}]});
		expect(emulator.control.state().devices[0]!.paused).toBe(false);
		// The server still answers afterwards.
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
	});

	it('answers garbage that is not HTTP with 400 and keeps serving', async () => {
		const {emulator} = await startTestEmulator();
		const answer = await new Promise<string>((resolve, reject) => {
			const socket = connect(emulator.port, '127.0.0.1', () => socket.write('this is not HTTP\r\n\r\n'));
			let text = '';
			socket.on('data', chunk => {
				text += chunk.toString();
			});
			socket.on('close', () => {
				resolve(text);
			});
			socket.on('error', reject);
		});
		expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
		expect((await getJson(`${emulator.url}/health`)).status).toBe(200);
	});
});
