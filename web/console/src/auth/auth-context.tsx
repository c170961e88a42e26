// Who is logged in. On start it asks the server (GET /auth/me: the httpOnly session cookie is
// the only credential); login and logout go through the API; a 401 from any request or the
// client-side idle timer (use-idle-logout.ts) returns to the login page with a notice saying why.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { ApiError } from '../api/api-error.ts';
import { authApi, type Me } from '../api/auth-api.ts';
import { setSessionLostListener } from '../api/client.ts';
import type { MessageKey, Vars } from '../i18n/messages.ts';
import { useIdleLogout } from './use-idle-logout.ts';

/** Why the user is on the login page: a server error (in both languages) or a message key. */
export type Notice = { kind: 'error'; error: ApiError } | { kind: 'info'; key: MessageKey; vars?: Vars };

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; notice: Notice | null }
  | { status: 'authenticated'; me: Me };

export interface Auth {
  state: AuthState;
  /** Logs in; throws the server's ApiError (LOGIN_FAILED, ACCOUNT_LOCKED …). */
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  useEffect(() => {
    let live = true;
    authApi.me().then(
      (me) => live && setState({ status: 'authenticated', me }),
      (e: unknown) =>
        live &&
        setState({
          status: 'anonymous',
          // Back after the session timed out (a reload, a new tab): say so.
          notice: e instanceof ApiError && e.code === 'SESSION_EXPIRED' ? { kind: 'error', error: e } : null,
        }),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    // Several requests in flight meet the lost session at once, in any order: the first moves to
    // the login; a later SESSION_EXPIRED still upgrades the notice to say why.
    const lost = new WeakSet<AuthState>();
    setSessionLostListener((error) => {
      const now = stateRef.current;
      const expired = error.code === 'SESSION_EXPIRED';
      if (now.status === 'authenticated' || (expired && lost.has(now))) {
        const next: AuthState = {
          status: 'anonymous',
          notice: expired ? { kind: 'error', error } : { kind: 'info', key: 'auth.sessionEnded' },
        };
        if (!expired) lost.add(next);
        stateRef.current = next; // before the render, for the next 401 of the same burst
        setState(next);
      }
    });
    return () => setSessionLostListener(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    await authApi.login(username, password);
    const me = await authApi.me();
    setState({ status: 'authenticated', me });
  }, []);

  const endSession = useCallback(async (notice: Notice) => {
    setState({ status: 'anonymous', notice });
    try {
      await authApi.logout();
    } catch {
      // the session may already be gone on the server; the client state is what matters here
    }
  }, []);

  const logout = useCallback(() => endSession({ kind: 'info', key: 'auth.loggedOut' }), [endSession]);

  const idleMinutes = state.status === 'authenticated' ? state.me.idle_timeout_minutes : null;
  useIdleLogout(idleMinutes, () => {
    void endSession({ kind: 'info', key: 'auth.idleLoggedOut', vars: { minutes: idleMinutes ?? 0 } });
  });

  const value = useMemo<Auth>(() => ({ state, login, logout }), [state, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside <AuthProvider>');
  return v;
}

/** The logged-in user (only inside routes guarded by <RequireAuth>). */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe outside an authenticated route');
  return state.me;
}
