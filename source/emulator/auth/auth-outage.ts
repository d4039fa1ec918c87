import {serviceUnavailableBody} from '../http/error-bodies.js';
import type {FaultState} from '../control/faults.js';
import type {Route} from '../http/http-types.js';

/**
The routes, answering 503 with Frame.io's detailed error body while the authUnavailableForSeconds
fault is in force. The form is read (so the client sees the 503, not a reset) but not acted on, so
nothing is spent or counted meanwhile.
*/
export function unlessAuthUnavailable(routes: readonly Route[], faults: FaultState, log: (line: string) => void): Route[] {
	return routes.map(route => ({
		...route,
		async handle(request) {
			if (faults.authUnavailable()) {
				await request.body();
				log(`${route.method} ${route.path} answered 503 (auth unavailable fault)`);
				return {status: 503, body: serviceUnavailableBody()};
			}

			return route.handle(request);
		},
	}));
}
