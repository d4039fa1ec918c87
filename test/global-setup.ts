import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import process from 'node:process';

/**
Tests never touch a person's own configuration, state or credentials: the whole run gets a home and
XDG folders of its own, which every test worker and every process a test starts inherit, and which
go when the run ends.
*/
export default function setup(): () => void {
	const home = mkdtempSync(join(tmpdir(), 'c2c-status-test-home-'));
	process.env.HOME = home;
	process.env.XDG_CONFIG_HOME = join(home, 'config');
	process.env.XDG_STATE_HOME = join(home, 'state');
	for (const name of ['FRAMEIO_TOKEN', 'FRAMEIO_API_URL', 'FRAMEIO_CLIENT_ID', 'FRAMEIO_CLIENT_SECRET']) {
		// Set by a person for their own device; a test that wants one sets it for the process it starts.
		Reflect.deleteProperty(process.env, name);
	}

	return () => {
		rmSync(home, {recursive: true, force: true});
	};
}
