export {AuditRecorder} from './audit-recorder.js';
export {formatBreach, type AuditBreach, type AuditReport, type ClientVerdicts, type RuleVerdict, type Verdict} from './audit-report.js';
export {ruleIds, type RuleId} from './audit-rules.js';
export {formatAuditTable, type AuditTableOptions} from './audit-table.js';
export {inspectFrame} from './frame-shape.js';
export {judgeAudit} from './judge.js';
export type * from './observation.js';
export {rawQueryAuthorization} from './query-authorization.js';
