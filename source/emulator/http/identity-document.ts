import type {IdentityStatus} from '../../protocol/phoenix-message.js';
import type {DeviceProfile} from '../emulated-device.js';

/** `GET /v2/devices/me`, with the fields and nesting of the status guide's example. */
export function identityDocument(profile: DeviceProfile, status: IdentityStatus) {
	return {
		_type: 'project_device',
		id: profile.id,
		asset_type: 'video',
		authorization: {
			_type: 'project_device_authorization',
			creator: {
				_type: 'user',
				id: profile.creatorId,
				name: profile.creatorName,
			},
			expires_at: profile.expiresAt,
			id: profile.authorizationId,
			project_device_id: profile.id,
			scopes: {
				asset_create: true,
				id: profile.scopesId,
				offline: true,
			},
		},
		name: profile.name,
		project: {
			_type: 'project',
			id: profile.projectId,
			name: profile.projectName,
		},
		project_id: profile.projectId,
		status,
	} as const;
}
