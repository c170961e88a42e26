// The public shape of a user: never the password hash.
import { permissionsOf, isRole } from '../../domain/auth/roles.ts';
import type { UserRow } from '../../store/user-store.ts';

export interface UserView {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  permissions: string[];
  status: string;
  regions: string[];
  units: string[];
  locked_until: string | null;
  must_change_password: boolean;
  last_login_at: string | null;
  version: number;
}

export function toUserView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    display_name: u.display_name,
    roles: u.roles,
    permissions: permissionsOf(u.roles.filter(isRole)),
    status: u.status,
    regions: u.regions,
    units: u.units,
    locked_until: u.locked_until ? u.locked_until.toISOString() : null,
    must_change_password: u.must_change_password,
    last_login_at: u.last_login_at ? u.last_login_at.toISOString() : null,
    version: u.version,
  };
}
