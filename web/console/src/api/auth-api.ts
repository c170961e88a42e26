// The auth endpoints (src/http/routes/auth-routes.ts) and the user shape they return.
import { api } from './client.ts';

/** The public shape of a user (UserView on the server). */
export interface User {
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

export interface Me {
  user: User;
  /** 12-digit region codes of the user's scope. */
  scope: string[];
  idle_timeout_minutes: number;
}

export interface LoginResult {
  token: string;
  expires_at: string;
  must_change_password: boolean;
  user: User | null;
}

export const authApi = {
  login: (username: string, password: string) => api.post<LoginResult>('/auth/login', { username, password }),
  logout: () => api.post<{ ok: true }>('/auth/logout'),
  me: () => api.get<Me>('/auth/me'),
};
