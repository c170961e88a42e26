// A resident logs in to the portal with a phone number and a one-time SMS code (purpose 'login').
// Refuses a wrong, used or expired code (CODE_INVALID) and a malformed phone (VALIDATION_FAILED).
// The session keeps only the phone's keyed hash and the phone sealed for its column; it ends after
// residentSessionIdleDays without use or residentSessionMaxDays after login. Ended sessions of
// every resident are purged on each login, so the table holds live logins only.
import { maskPhone } from '../../domain/personal/mask.ts';
import { insertResidentSession, purgeResidentSessions } from '../../store/resident-session-store.ts';
import { newSessionToken, sessionId } from '../auth/session-token.ts';
import type { AppContext } from '../context.ts';
import { verifyCode } from '../sms/one-time-code.ts';

export const RESIDENT_PHONE_PURPOSE = 'resident_sessions.phone';
const DAY_MS = 86_400_000;

export interface ResidentLogin {
  token: string;
  phoneMasked: string;
  expiresAt: Date;
}

export async function loginResident(
  ctx: AppContext,
  input: { phone: string; code: string },
): Promise<ResidentLogin> {
  const { phone, phoneHash } = await verifyCode(ctx, input.phone, input.code, 'login');
  const now = ctx.clock.now();
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.residentSessionMaxDays * DAY_MS);
  await ctx.db.tx(async (q) => {
    await purgeResidentSessions(
      q,
      now,
      new Date(now.getTime() - ctx.config.residentSessionIdleDays * DAY_MS),
    );
    await insertResidentSession(q, {
      id: sessionId(token),
      phone_hash: phoneHash,
      phone_sealed: ctx.sealer.seal(phone, RESIDENT_PHONE_PURPOSE),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    });
  });
  return { token, phoneMasked: maskPhone(phone), expiresAt };
}
