// Guards the console's routes: a spinner while the session is checked, the login page (with
// the place to come back to) when nobody is logged in; a wall display's account only ever sees
// the big screen.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '../components/async-state.tsx';
import { useAuth } from './auth-context.tsx';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (isWallDisplay(state.me.user.roles) && location.pathname !== '/big-screen')
    return <Navigate to={'/big-screen' + location.search} replace />;
  return <>{children}</>;
}

/** An account that is only a wall display (role `display`): the big screen and nothing else. */
export function isWallDisplay(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'display');
}
