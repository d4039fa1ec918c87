// Spawned by test/cli/commands/emulator/run-emulator.test.ts: `node --import tsx run-emulator-main.ts '<options JSON>'`.
// The exit code is runEmulator's; the process must then end on its own (no handles left open).
import process from 'node:process';
import {runEmulator, type EmulatorCommandOptions} from '../../source/cli/commands/emulator/run-emulator.js';

const defaults: EmulatorCommandOptions = {
	port: 0,
	host: '127.0.0.1',
	token: undefined,
	deviceId: undefined,
	idleTimeoutSeconds: 60,
	healthShape: 'ok',
	strictRateLimit: false,
	demo: false,
	quiet: false,
};

const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<EmulatorCommandOptions>;
process.exitCode = await runEmulator({...defaults, ...overrides});
