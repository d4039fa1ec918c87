import {describe, expect, it} from 'vitest';
import {parseIdentity} from '../../../source/core/identity/identity.js';

const guideExample = {
	_type: 'project_device',
	id: 'a7e95254-8cd6-4d59-b54d-28c58570a8de',
	asset_type: 'video',
	authorization: {
		_type: 'project_device_authorization',
		creator: {_type: 'user', id: 'e7e96254-8bd6-4d59-b54d-28c58570a8de', name: 'Harry Potter'},
		expires_at: null,
		id: '7b2b68e5-788d-497c-8597-f9362cb1a75e',
		project_device_id: '14856308-46e0-4d7d-8438-320262eec74e',
		scopes: {asset_create: true, id: '0fe0accb-447f-44f6-b2af-177d913b3a29', offline: true},
	},
	name: 'Frameio-BPEAKE-TEST-DEVICE',
	project: {_type: 'project', id: '2ad59fe6-77b6-4fbc-a9d2-3dd0413ed4a3', name: 'Testbed'},
	project_id: '2ad59fe6-77b6-4fbc-a9d2-3dd0413ed4a3',
	status: 'online',
};

describe('parseIdentity', () => {
	it('reads the fields the guide says to show from its example', () => {
		expect(parseIdentity(guideExample)).toEqual({
			ok: true,
			problems: [],
			identity: {
				id: 'a7e95254-8cd6-4d59-b54d-28c58570a8de', name: 'Frameio-BPEAKE-TEST-DEVICE',
				projectId: '2ad59fe6-77b6-4fbc-a9d2-3dd0413ed4a3', projectName: 'Testbed', creatorName: 'Harry Potter',
				expiresAt: null, status: 'online',
			},
		});
	});

	it('keeps an expiry date', () => {
		const result = parseIdentity({...guideExample, authorization: {...guideExample.authorization, expires_at: '2026-12-01T00:00:00Z'}});
		expect(result.ok && result.identity.expiresAt).toBe('2026-12-01T00:00:00Z');
	});

	it('reports missing and ill-typed fields without failing when the id is there', () => {
		const result = parseIdentity({id: 'x', project: 'Testbed', authorization: {creator: {name: 7}, expires_at: 12}, status: 'sleeping'});
		expect(result.ok).toBe(true);
		expect(result.problems).toEqual([
			'project is a string, not an object',
			'status "sleeping" is not one of online, offline, paused',
			'authorization.expires_at is a number, not a string',
			'name is missing',
			'authorization.creator.name is a number, not a string',
		]);
		expect(result.ok && result.identity).toMatchObject({projectName: null, creatorName: null, expiresAt: null, status: 'sleeping'});
	});

	it('reports an unparseable expiry date', () => {
		const result = parseIdentity({...guideExample, authorization: {...guideExample.authorization, expires_at: 'soon'}});
		expect(result.problems).toContain('authorization.expires_at "soon" is not a date');
	});

	it.each([
		[undefined, 'body is missing, not a JSON object'],
		[null, 'body is null, not a JSON object'],
		[[], 'body is an array, not a JSON object'],
		['x', 'body is a string, not a JSON object'],
		[{name: 'n'}, 'id is missing'],
		[{id: 5}, 'id is a number, not a string'],
		[{id: '  '}, 'id is empty'],
	])('fails without an id: %j', (body, problem) => {
		const result = parseIdentity(body);
		expect(result.ok).toBe(false);
		expect(result.problems).toContain(problem);
	});
});
