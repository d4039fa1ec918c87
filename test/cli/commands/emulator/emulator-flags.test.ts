import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseEmulatorFlags} from '../../../../source/cli/commands/emulator/emulator-flags.js';
import {UsageError} from '../../../../source/cli/usage-error.js';

describe('parseEmulatorFlags: the audit flags', () => {
	it('is off by default, with 8-hour tokens', () => {
		expect(parseEmulatorFlags({})).toMatchObject({audit: false, auditExercise: false, tokenTtlSeconds: 28_800});
		expect(parseEmulatorFlags({})).not.toHaveProperty('auditReport');
	});

	it('--audit-exercise implies --audit and 300 s tokens, unless --token-ttl says otherwise', () => {
		expect(parseEmulatorFlags({auditExercise: true})).toMatchObject({audit: true, auditExercise: true, tokenTtlSeconds: 300});
		expect(parseEmulatorFlags({auditExercise: true, tokenTtl: '120'})).toMatchObject({tokenTtlSeconds: 120});
	});

	it('--audit-report implies --audit', () => {
		expect(parseEmulatorFlags({auditReport: '/tmp/audit.json'})).toMatchObject({audit: true, auditExercise: false, auditReport: '/tmp/audit.json'});
		expect(() => parseEmulatorFlags({auditReport: ' '})).toThrow('--audit-report must not be empty.');
	});

	it('--audit-report: a folder that is missing, or a path that is a folder, is said at once, not after the exercise', () => {
		expect(() => parseEmulatorFlags({auditReport: '/proc/nope/report.json'})).toThrow('--audit-report /proc/nope/report.json: the folder /proc/nope does not exist.');
		expect(() => parseEmulatorFlags({auditReport: '/tmp'})).toThrow('--audit-report /tmp: that is a folder; name a file.');
		expect(() => parseEmulatorFlags({auditReport: '/etc/hostname/report.json'})).toThrow('--audit-report /etc/hostname/report.json: /etc/hostname is not a folder.');
	});

	it('refuses the exercise with the demo: both drive the emulator', () => {
		expect(() => parseEmulatorFlags({auditExercise: true, demo: true})).toThrow(UsageError);
		expect(parseEmulatorFlags({audit: true, demo: true})).toMatchObject({audit: true, demo: true});
	});
});

describe('parseEmulatorFlags: --client-secret-file', () => {
	it('takes the secret from the file\'s first line, and says clearly when it cannot', async () => {
		const directory = await mkdtemp(join(tmpdir(), 'c2c-secret-'));
		try {
			const path = join(directory, 'secret');
			await writeFile(path, 'model-secret-42\nsecond line\n');
			expect(parseEmulatorFlags({clientSecretFile: path})).toMatchObject({clientSecret: 'model-secret-42'});
			expect(() => parseEmulatorFlags({clientSecretFile: join(directory, 'none')})).toThrow(/cannot read --client-secret-file .*: no such file\./);
		} finally {
			await rm(directory, {recursive: true, force: true});
		}
	});
});
