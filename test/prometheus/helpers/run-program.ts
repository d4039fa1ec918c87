import {spawn} from 'node:child_process';

export type ProgramResult = {
	readonly status: number | null;
	readonly stdout: string;
	readonly stderr: string;
};

/** Runs a program to its end, with `input` on its stdin; killed if it takes longer than `timeoutMs`. */
export async function runProgram(command: string, args: readonly string[], {input = '', cwd, timeoutMs = 15_000}: {input?: string; cwd?: string; timeoutMs?: number} = {}): Promise<ProgramResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {cwd, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL'});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', status => {
			resolve({status, stdout, stderr});
		});
		child.stdin.end(input);
	});
}
