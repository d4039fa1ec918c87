import type {HealthShape} from '../types.js';
import {serviceUnavailableBody} from './error-bodies.js';
import type {Route} from './http-types.js';

export type HealthSwitch = {ok: boolean; readonly shape: HealthShape; /** Requests answered, either way. */ checks: number};

/** `GET /health`: no auth; `{"ok": true}` (or `{"status":"ok"}`), or a detailed 503 while turned off. */
export function healthRoute(health: HealthSwitch): Route {
	return {
		method: 'GET',
		path: '/health',
		handle() {
			health.checks++;
			if (!health.ok) {
				return {status: 503, body: serviceUnavailableBody()};
			}

			return {status: 200, body: health.shape === 'status' ? {status: 'ok'} : {ok: true}};
		},
	};
}
