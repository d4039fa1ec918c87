import process from 'node:process';
import {systemClock, type Clock} from '../../../core/clock.js';
import {formatBreach, type AuditBreach} from '../../../emulator/audit/audit-report.js';
import {deviceSocketPath} from '../../../protocol/phoenix-message.js';
import {startDemoScenario, defaultDemoLoopSeconds} from '../../../emulator/demo/demo-scenario.js';
import {timeOfDay} from '../../../ui/format/format.js';
import {defaultDeviceId, defaultToken, numberedDeviceSeeds} from '../../../emulator/device-registry.js';
import {defaultCreatorName, defaultDeviceName, defaultProjectName} from '../../../emulator/emulated-device.js';
import {defaultClientSecret, startEmulator} from '../../../emulator/start-emulator.js';
import type {EmulatorOptions, RunningEmulator} from '../../../emulator/types.js';
import {describeError} from '../../../core/utils/describe-error.js';
import {logStream} from '../../log-stream.js';
import {waitForSignal} from '../../wait-for-signal.js';
import {auditUsageLines, finishAudit, runExercise} from './audit-output.js';

export type EmulatorCommandOptions = {
	readonly port: number;
	readonly host: string;
	readonly token: string | undefined;
	readonly deviceId: string | undefined;
	/** How many devices to emulate (`--devices`); the first is the default one. */
	readonly devices?: number;
	readonly idleTimeoutSeconds: number;
	readonly healthShape: 'ok' | 'status';
	readonly strictRateLimit: boolean;
	readonly demo: boolean;
	readonly quiet: boolean;
	/** Lifetime of the access tokens pairing and refresh issue (default: Frame.io's 8 hours). */
	readonly tokenTtlSeconds?: number;
	/** Run the referee (`--audit`; implied by the next two): each broken rule is printed as it happens, the table at exit. */
	readonly audit?: boolean;
	/** Play the audit exercise from the first join (`--audit-exercise`), then print the report and exit. */
	readonly auditExercise?: boolean;
	/** Also write the report's JSON to this file at exit (`--audit-report FILE`). */
	readonly auditReport?: string;
	/** The client_secret pairing, refresh and revoke require (`--client-secret-file`); "emulator-secret" by default. */
	readonly clientSecret?: string;
	/** Tests only: the clock the emulator and the exercise run on (the system clock by default). */
	readonly clock?: Clock;
};

const name = 'c2c-status emulator';

/** One clear line for a failure to listen. */
export function describeListenError(error: unknown, host: string, port: number): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
	switch (code) {
		case 'EADDRINUSE': {
			return `${name}: port ${port} on ${host} is already in use (choose another with --port)`;
		}

		case 'EACCES': {
			return `${name}: not allowed to listen on port ${port} (choose a port above 1023 with --port)`;
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN':
		case 'EADDRNOTAVAIL': {
			return `${name}: cannot listen on host ${host} (${code}); try --host 127.0.0.1`;
		}

		default: {
			return `${name}: cannot start: ${describeError(error)}`;
		}
	}
}

/** The device line(s): one device in full, or each of several with its token (the default ones are not secret). */
function deviceLines(options: EmulatorCommandOptions, deviceId: string): string[] {
	const count = options.devices ?? 1;
	if (count === 1) {
		return [
			`  device    ${deviceId} ("${defaultDeviceName}", project "${defaultProjectName}", paired by "${defaultCreatorName}")`,
			options.token === undefined
				? `  token     "${defaultToken}" (the default; choose another with --token)`
				: '  token     the one given with --token',
		];
	}

	const token = options.token === undefined ? defaultToken : '<token>';
	const shown = numberedDeviceSeeds(Math.min(count, 3), token, deviceId);
	return [
		`  devices   ${count}, in project "${defaultProjectName}"; control calls act on the first unless given {"device": "<id>"}`,
		...shown.map(seed => `            ${seed.name!.padEnd(7)} ${seed.id}  token "${seed.token}"`),
		...(count > shown.length ? [`            … up to Cam ${count}, token "${token}-${count}" (ids end in ${String(count).padStart(4, '0')})`] : []),
	];
}

function usageLines(emulator: RunningEmulator, options: EmulatorCommandOptions, deviceId: string): string[] {
	const wsUrl = emulator.url.replace(/^http/, 'ws');
	const tokenText = options.token === undefined ? defaultToken : '<token>';
	return [
		...deviceLines(options, deviceId),
		`  identity  GET ${emulator.url}/v2/devices/me with "Authorization: Bearer ${tokenText}"`,
		`  health    GET ${emulator.url}/health`,
		`  socket    ${wsUrl}${deviceSocketPath}?Authorization=Bearer%20${tokenText}`,
		`  pairing   POST ${emulator.url}/v2/auth/device/code, any client_id, client_secret ${options.clientSecret === undefined ? `"${defaultClientSecret}"` : 'from --client-secret-file'}`,
		`  control   POST ${emulator.url}/_emulator/{pause,resume,health,drop,expire-token,issue-token,revoke-refresh-tokens,approve,faults,flood}`,
		`            GET  ${emulator.url}/_emulator/state`,
		...auditUsageLines(emulator.url, options),
		...(options.demo ? [`  demo      pause, health outage, dropped socket, looping every ${defaultDemoLoopSeconds} s (the token steps need the built-in demo: c2c-status --demo)`] : []),
		'  Stop with Ctrl+C.',
	];
}

/** What to start the emulator with; broken rules are printed even with --quiet: they are what the audit is for. */
function emulatorOptions(options: EmulatorCommandOptions, deviceId: string, clock: Clock, out: {log: ((line: string) => void) | undefined; stamped: (line: string) => void}): EmulatorOptions {
	const token = options.token ?? defaultToken;
	const onBreach = (breach: AuditBreach) => {
		out.stamped(formatBreach(breach));
	};

	return {
		port: options.port,
		host: options.host,
		token,
		deviceId,
		...((options.devices ?? 1) > 1 ? {devices: numberedDeviceSeeds(options.devices!, token, deviceId)} : {}),
		idleTimeoutSeconds: options.idleTimeoutSeconds,
		healthShape: options.healthShape,
		strictRateLimit: options.strictRateLimit,
		...(options.tokenTtlSeconds === undefined ? {} : {tokenTtlSeconds: options.tokenTtlSeconds}),
		...(options.clientSecret === undefined ? {} : {clientSecret: options.clientSecret}),
		...(out.log ? {log: out.log} : {}),
		...(options.audit ? {audit: {onBreach}} : {}),
		clock,
	};
}

/** Runs `c2c-status emulator` until SIGINT/SIGTERM (or the audit exercise's end); resolves with the exit code. */
export async function runEmulator(options: EmulatorCommandOptions): Promise<number> {
	const clock = options.clock ?? systemClock;
	// A closed stdout or stderr (a pipe whose reader died) ends the log, never the run: the audit report is still written.
	const stdout = logStream(process.stdout);
	const stderr = logStream(process.stderr);
	const print = (line: string) => {
		stdout.write(`${line}\n`);
	};

	const stamped = (line: string) => {
		print(`${timeOfDay(clock.now())}  ${line}`);
	};

	// Once shut down, the sockets' last close lines would come after the audit table: they are dropped.
	let shutDown = false;
	const log = options.quiet
		? undefined
		: (line: string) => {
			if (!shutDown) {
				stamped(line);
			}
		};

	const deviceId = options.deviceId ?? defaultDeviceId;
	let emulator: RunningEmulator;
	try {
		emulator = await startEmulator(emulatorOptions(options, deviceId, clock, {log, stamped}));
	} catch (error) {
		stderr.write(`${describeListenError(error, options.host, options.port)}\n`);
		return 1;
	}

	// Listen for signals before printing anything: whoever reads the URL may signal at once, and a
	// signal that arrives with no listener kills the process with the default action.
	const signal = waitForSignal();

	print(`${name} listening on ${emulator.url}`);
	for (const line of usageLines(emulator, options, deviceId)) {
		print(line);
	}

	const demo = options.demo
		? startDemoScenario(emulator.control, {clock, onStep: step => log?.(`demo: ${step.label}`)})
		: undefined;
	const exercise = options.auditExercise ? runExercise(emulator.control, clock, stamped) : undefined;
	const received = await Promise.race([signal.promise, ...(exercise ? [exercise.ended] : [])]);
	log?.(received === 'exercise-ended' ? 'shutting down' : `${received}: shutting down`);
	demo?.stop();
	exercise?.stop();
	const report = emulator.audit?.report();
	await emulator.close();
	shutDown = true;
	signal.cancel();
	if (!report) {
		return 0;
	}

	return finishAudit({
		report,
		path: options.auditReport,
		exerciseEnded: received === 'exercise-ended',
		width: Math.max(60, Math.min(process.stdout.columns ?? 100, 160)),
		print,
		printError(text) {
			stderr.write(`${text}\n`);
		},
	});
}
