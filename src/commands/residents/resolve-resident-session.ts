// From a resident's session token to the resident (their phone, opened from its seal). Refuses
// an unknown or ended token, a session idle longer than residentSessionIdleDays and one past its
// absolute lifetime alike: RESIDENT_SESSION_EXPIRED (401) — a resident who sent a token never
// silently becomes anonymous. Expired sessions are deleted when met; use is recorded at most
// once a minute.
import { AppError } from '../../domain/errors.ts';
import { maskPhone } from '../../domain/personal/mask.ts';
import {
  deleteResidentSession,
  findResidentSession,
  touchResidentSession,
} from '../../store/resident-session-store.ts';
import { sessionId } from '../auth/session-token.ts';
import type { AppContext } from '../context.ts';
import { RESIDENT_PHONE_PURPOSE } from './login-resident.ts';

const DAY_MS = 86_400_000;
const TOUCH_EVERY_MS = 60_000;

export interface Resident {
  /** The session's id (sha256 of the token). */
  sessionId: string;
  /** The normalised 11-digit mobile number. */
  phone: string;
  phoneMasked: string;
  loggedInAt: Date;
  expiresAt: Date;
}

export async function resolveResidentSession(ctx: AppContext, token: string): Promise<Resident> {
  const now = ctx.clock.now();
  const id = sessionId(token);
  const s = await findResidentSession(ctx.db, id);
  if (!s) throw new AppError('RESIDENT_SESSION_EXPIRED', { details: { reason: 'unknown' } });
  const idle = now.getTime() - s.last_seen_at.getTime() > ctx.config.residentSessionIdleDays * DAY_MS;
  if (idle || now >= s.expires_at) {
    await deleteResidentSession(ctx.db, id);
    throw new AppError('RESIDENT_SESSION_EXPIRED', { details: { reason: idle ? 'idle' : 'lifetime' } });
  }
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchResidentSession(ctx.db, id, now);
  const phone = ctx.sealer.open(s.phone_sealed, RESIDENT_PHONE_PURPOSE);
  return {
    sessionId: id,
    phone,
    phoneMasked: maskPhone(phone),
    loggedInAt: s.created_at,
    expiresAt: s.expires_at,
  };
}
