import type {FlagDefinitions, RawFlags} from '../../flag-definitions.js';
import {parseChoice, parseNonEmpty} from '../../parse-values.js';
import {screenFlags} from '../../shared-flags.js';
import {UsageError} from '../../usage-error.js';
import {defaultReplaySpeed, replaySpeeds} from '../../../core/replay/replay.js';

export const replayFlags = {
	json: {type: 'boolean'},
	device: {type: 'string'},
	speed: {type: 'string'},
	...screenFlags,
} as const satisfies FlagDefinitions;

export type RawReplayFlags = RawFlags<typeof replayFlags>;

export type ReplayCommand = {
	readonly file: string;
	/** Print the recorded lines again instead of playing them (also when stdout is not a terminal). */
	readonly json: boolean;
	/** A fleet's recording: the device to play. */
	readonly device?: string;
	readonly speed: number;
	readonly color: boolean;
	readonly ascii: boolean;
};

export function parseReplayFlags(flags: RawReplayFlags, input: readonly string[], env: NodeJS.ProcessEnv): ReplayCommand {
	const [file] = input;
	if (file === undefined) {
		throw new UsageError('name the recording to play: c2c-status replay FILE (one --record wrote).');
	}

	const speeds = replaySpeeds.map(String);
	return {
		file: parseNonEmpty('file', file),
		json: flags.json ?? false,
		...(flags.device === undefined ? {} : {device: parseNonEmpty('device', flags.device)}),
		speed: Number(flags.speed === undefined ? defaultReplaySpeed : parseChoice('speed', flags.speed.replace(/^[x×]/, ''), speeds)),
		color: (flags.color ?? true) && !env.NO_COLOR,
		ascii: flags.ascii ?? false,
	};
}
