import {basename} from 'node:path';
import process from 'node:process';
import {buildHistory, type DeviceHistory} from '../../../core/history/history-model.js';
import {listJournalDirectories, readJournal} from '../../../core/history/journal-reader.js';
import {reportJson, type ReportDevice} from '../../../output/report/report-json.js';
import {reportText} from '../../../output/report/report-text.js';
import {printable, sanitize} from '../../../text/sanitize.js';
import type {ReportCommand, ReportTarget} from './report-flags.js';

/**
`c2c-status report`: each device's journal over the range, as text for wrap (pause windows first) or as
one JSON object (`--json`). A device with no journal is in the report, saying so; a journal file that
cannot be read is named on stderr and the rest is reported. Exit code 0.
*/
export async function runReport(command: ReportCommand, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
	const targets = command.devices === 'all' ? await everyJournal(command.root) : command.devices;
	const devices: ReportDevice[] = [];
	for (const target of targets) {
		// One device after another: a report reads a few small files each.
		// eslint-disable-next-line no-await-in-loop
		const history = await historyOf(target, command, problem => {
			stderr.write(`c2c-status report: ${printable(problem, 300)}\n`);
		});
		const name = target.name ?? (command.devices === 'all' ? nameFromJournal(history, target.directory) : undefined);
		devices.push({...(name === undefined ? {} : {device: name}), history});
	}

	if (command.json) {
		stdout.write(`${JSON.stringify(reportJson(command.range, devices))}\n`);
	} else if (devices.length === 0) {
		stdout.write('c2c-status report: no journal here yet: nothing was monitored with the journal on (see c2c-status report --help).\n');
	} else {
		stdout.write(reportText(command.range, devices, {sanitize}));
	}

	return 0;
}

async function everyJournal(root: string): Promise<ReportTarget[]> {
	const directories = await listJournalDirectories(root);
	return directories.map(directory => ({directory}));
}

/** The device's history over the range (and the day before it), or undefined when it has no journal. */
async function historyOf(target: ReportTarget, command: ReportCommand, problem: (text: string) => void): Promise<DeviceHistory | undefined> {
	if (target.directory === undefined) {
		return undefined;
	}

	const read = await readJournal(target.directory, command.range);
	for (const text of read.problems) {
		problem(text);
	}

	return read.found ? buildHistory(read.lines, {now: command.now, skippedLines: read.skippedLines, processes: read.processes}) : undefined;
}

/** A journal found by looking: a fleet's device goes by its config name; one whose lines name nothing, by its folder. */
function nameFromJournal(history: DeviceHistory | undefined, directory: string | undefined): string | undefined {
	if (history?.device) {
		return history.device;
	}

	return history?.deviceName ? undefined : basename(directory ?? '');
}
