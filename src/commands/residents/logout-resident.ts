// A resident logs out of the portal: the session row is deleted, so the token is dead at once.
// Idempotent: an unknown or already ended token is not an error.
import { deleteResidentSession } from '../../store/resident-session-store.ts';
import { sessionId } from '../auth/session-token.ts';
import type { AppContext } from '../context.ts';

export async function logoutResident(ctx: AppContext, token: string): Promise<void> {
  await deleteResidentSession(ctx.db, sessionId(token));
}
