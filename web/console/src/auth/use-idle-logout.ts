// Client side of the session idle timeout (WANGGE_SESSION_IDLE_MINUTES, given by /auth/me):
// after that long with no keyboard, pointer or touch activity, `onIdle` runs. While the person
// is active but the page makes no requests, a light /auth/me keeps the server session alive
// (the server counts only requests), so an active user is never cut off mid-work.
// The big screen (/big-screen) is a read-only wall display: while it is shown, its own polling is
// the activity — it is not logged out for want of a mouse; the server's absolute session lifetime
// (WANGGE_SESSION_MAX_HOURS) still ends the session. Use a display account with a narrow scope.
import { useEffect, useRef } from 'react';
import { authApi } from '../api/auth-api.ts';
import { setRequestListener } from '../api/client.ts';

const EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const CHECK_EVERY_MS = 5_000;
const WALL_DISPLAY = '/big-screen';

export function useIdleLogout(idleMinutes: number | null, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (idleMinutes === null) return;
    const idleMs = idleMinutes * 60_000;
    let lastActivity = Date.now();
    let lastRequest = Date.now();
    setRequestListener(() => {
      lastRequest = Date.now();
    });
    const onActivity = () => {
      const now = Date.now();
      if (now - lastActivity < 1_000) return;
      lastActivity = now;
      if (now - lastRequest > idleMs / 2) authApi.me().catch(() => undefined);
    };
    for (const e of EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (window.location.pathname.startsWith(WALL_DISPLAY)) lastActivity = Date.now();
      if (Date.now() - lastActivity >= idleMs) {
        window.clearInterval(timer);
        onIdleRef.current();
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      setRequestListener(null);
      for (const e of EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [idleMinutes]);
}
