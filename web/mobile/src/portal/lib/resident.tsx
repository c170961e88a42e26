// Who is using the portal: a logged-in resident (phone + SMS code; the session is an HttpOnly
// cookie the page cannot read, so the server is asked: GET /public/me) or nobody. Asked once when
// the app opens; a login, a logout, or any request answered "your login has ended"
// (RESIDENT_SESSION_EXPIRED) updates it, so the report form never shows the wrong identity.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { portalApi, type Resident } from '../api/portal-api.ts';

export type ResidentStatus = 'checking' | 'anonymous' | 'resident';

export interface ResidentState {
  status: ResidentStatus;
  resident: Resident | null;
  /** The login ended by itself (expired, or ended elsewhere) since the app opened. */
  expired: boolean;
  login: (phone: string, code: string) => Promise<Resident>;
  logout: () => Promise<void>;
  /** Call with any failed request: an ended login switches the portal to anonymous. */
  noteError: (err: unknown) => void;
}

const ResidentContext = createContext<ResidentState | null>(null);

export function isSessionEnded(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'RESIDENT_SESSION_EXPIRED';
}

export function ResidentProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<ResidentStatus>('checking');
  const [resident, setResident] = useState<Resident | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    portalApi.me(ac.signal).then(
      (r) => {
        setResident(r.resident);
        setStatus(r.resident ? 'resident' : 'anonymous');
      },
      (e: unknown) => {
        if (ac.signal.aborted) return;
        // No answer (offline): shown as anonymous; should the cookie still be live, the server
        // refuses a phone in the report form with "已登录，无需填写手机号".
        setExpired(isSessionEnded(e));
        setStatus('anonymous');
      },
    );
    return () => ac.abort();
  }, []);

  const login = useCallback(async (phone: string, code: string) => {
    const r = await portalApi.login(phone, code);
    setResident(r.resident);
    setStatus('resident');
    setExpired(false);
    return r.resident;
  }, []);

  const logout = useCallback(async () => {
    await portalApi.logout();
    setResident(null);
    setStatus('anonymous');
    setExpired(false);
  }, []);

  const noteError = useCallback((err: unknown) => {
    if (!isSessionEnded(err)) return;
    setResident(null);
    setStatus('anonymous');
    setExpired(true);
  }, []);

  const value = useMemo<ResidentState>(
    () => ({ status, resident, expired, login, logout, noteError }),
    [status, resident, expired, login, logout, noteError],
  );
  return <ResidentContext.Provider value={value}>{children}</ResidentContext.Provider>;
}

export function useResident(): ResidentState {
  const v = useContext(ResidentContext);
  if (!v) throw new Error('useResident outside ResidentProvider');
  return v;
}
