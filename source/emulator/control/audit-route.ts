import type {AuditReport} from '../audit/audit-report.js';
import {ControlError, type Route} from '../http/http-types.js';

/**
`GET /_emulator/audit`: the referee's verdicts so far, per client (`{"clients": [...]}`); 404 when the
emulator runs without `--audit`.
*/
export function auditRoute(audit: {report(): AuditReport} | undefined): Route {
	return {
		method: 'GET',
		path: '/_emulator/audit',
		control: true,
		handle() {
			if (!audit) {
				throw new ControlError(404, 'the audit is off: start the emulator with --audit');
			}

			return {status: 200, body: audit.report()};
		},
	};
}
