import {isRecord} from '../../core/utils/is-record.js';
import {describeError} from '../../core/utils/describe-error.js';
import {ControlError, type HttpReply, type HttpRequest, type Route} from '../http/http-types.js';
import type {EmulatorControl} from '../types.js';
import {parseFaultsRequest} from './faults.js';
import {floodOptionsFromBody} from './flood.js';

type ControlCall = {
	readonly body: Readonly<Record<string, unknown>>;
	readonly device: string | undefined;
	readonly url: URL;
};

/** Parses a control call: a JSON object (or nothing) and the device from `{"device"}` or `?device=`. */
async function readCall(request: HttpRequest): Promise<ControlCall> {
	const body = await request.body();
	const text = body.toString('utf8').trim();
	let parsed: unknown = {};
	if (text !== '') {
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw new ControlError(400, `bad JSON: ${describeError(error)}`);
		}
	}

	if (!isRecord(parsed)) {
		throw new ControlError(400, 'the body must be a JSON object');
	}

	const device = parsed.device ?? request.url.searchParams.get('device') ?? undefined;
	if (device !== undefined && typeof device !== 'string') {
		throw new ControlError(400, 'device must be a string');
	}

	return {body: parsed, device, url: request.url};
}

function optionalString(body: Readonly<Record<string, unknown>>, key: string): string | undefined {
	const value = body[key];
	if (value !== undefined && typeof value !== 'string') {
		throw new ControlError(400, `${key} must be a string`);
	}

	return value;
}

function ok(body: unknown): HttpReply {
	return {status: 200, body};
}

/** `/_emulator/*`: the control API over HTTP, one to one onto EmulatorControl. */
export function controlRoutes(control: EmulatorControl, log: (line: string) => void): Route[] {
	const deviceState = (id: string | undefined) => control.state().devices.find(device => device.id === id) ?? control.state().devices[0];

	const post = (name: string, act: (call: ControlCall) => unknown): Route => ({
		method: 'POST',
		path: `/_emulator/${name}`,
		control: true,
		async handle(request) {
			const call = await readCall(request);
			log(`control: POST /_emulator/${name}${Object.keys(call.body).length > 0 ? ` ${JSON.stringify(call.body)}` : ''}`);
			return ok(act(call));
		},
	});

	return [
		post('pause', ({device}) => {
			control.pause(device);
			return deviceState(device);
		}),
		post('resume', ({device}) => {
			control.resume(device);
			return deviceState(device);
		}),
		post('health', ({body}) => {
			if (typeof body.ok !== 'boolean') {
				throw new ControlError(400, 'ok must be true or false');
			}

			control.setHealth(body.ok);
			return control.state().health;
		}),
		post('drop', ({body, device}) => {
			if (body.hard !== undefined && typeof body.hard !== 'boolean') {
				throw new ControlError(400, 'hard must be true or false');
			}

			if (body.code !== undefined && typeof body.code !== 'number') {
				throw new ControlError(400, 'code must be 1000 or from 4000 to 4999');
			}

			return {dropped: control.drop({
				hard: body.hard === true, ...(device === undefined ? {} : {deviceId: device}), ...(body.code === undefined ? {} : {code: body.code}),
			})};
		}),
		post('expire-token', ({device}) => {
			control.expireToken(device);
			return {expired: true, device: deviceState(device)?.id};
		}),
		post('issue-token', ({device}) => control.issueToken(device)),
		post('revoke-refresh-tokens', ({device}) => {
			const revoked = control.revokeRefreshTokens(device);
			return {revoked, device: deviceState(device)?.id};
		}),
		post('approve', ({body, device, url}) => {
			const userCode = optionalString(body, 'userCode') ?? url.searchParams.get('userCode') ?? undefined;
			return control.approve({...(userCode === undefined ? {} : {userCode}), ...(device === undefined ? {} : {deviceId: device})});
		}),
		post('faults', ({body}) => control.setFaults(parseFaultsRequest(body))),
		{
			// Answers once the flood is done: every frame written and the device paused (or as `afterwards` says).
			method: 'POST',
			path: '/_emulator/flood',
			control: true,
			async handle(request) {
				const call = await readCall(request);
				log(`control: POST /_emulator/flood${Object.keys(call.body).length > 0 ? ` ${JSON.stringify(call.body)}` : ''}`);
				return ok(await control.flood(floodOptionsFromBody(call.body, call.device)));
			},
		},
		{
			method: 'GET',
			path: '/_emulator/state',
			control: true,
			handle(request) {
				const state = control.state();
				const device = request.url.searchParams.get('device');
				if (device !== null && !state.devices.some(candidate => candidate.id === device)) {
					throw new ControlError(404, `unknown device ${device}`);
				}

				return ok(state);
			},
		},
	];
}
