export {startEmulator, defaultClientSecret} from './start-emulator.js';
export {defaultDeviceId, defaultToken} from './device-registry.js';
export {startDemoScenario, demoTimeline, demoTokenActions, defaultDemoLoopSeconds} from './demo-scenario.js';
export type {DemoAction, DemoScenario, DemoScenarioOptions, DemoStep} from './demo-scenario.js';
export {ControlError} from './http-types.js';
export type * from './types.js';
