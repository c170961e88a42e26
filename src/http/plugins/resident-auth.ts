// Residents' portal logins travel in an HttpOnly cookie, not a bearer token kept in localStorage:
// - the token is a 30-day identity; an HttpOnly cookie cannot be read by any script on the page
//   (an XSS or a compromised dependency cannot lift it), localStorage can;
// - SameSite=Strict keeps other sites from sending it (no CSRF), Path=/api/v1/public sends it
//   only to the public API (never to staff routes or static files), Secure whenever served over
//   HTTPS (X-Forwarded-Proto is trusted), so a LAN demo over http still works;
// - the portal is a PWA on the same origin as the API: installed PWAs (Android Chrome, iOS home
//   screen) and in-app browsers keep cookies like localStorage, and fetch sends it by itself;
// - Max-Age rather than Expires, so a phone whose clock is wrong does not drop it at once.
// The portal learns who is logged in from GET /public/me (the phone, masked).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../commands/context.ts';
import { resolveResidentSession, type Resident } from '../../commands/residents/resolve-resident-session.ts';
import { AppError } from '../../domain/errors.ts';

export const RESIDENT_COOKIE = 'wangge_resident';
const COOKIE_PATH = '/api/v1/public';

export function residentTokenOf(req: FastifyRequest): string | null {
  return req.cookies[RESIDENT_COOKIE] || null;
}

export function setResidentCookie(reply: FastifyReply, token: string, maxAgeS: number): void {
  void reply.setCookie(RESIDENT_COOKIE, token, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: 'auto',
    maxAge: Math.max(0, Math.floor(maxAgeS)),
  });
}

export function clearResidentCookie(reply: FastifyReply): void {
  void reply.clearCookie(RESIDENT_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict' });
}

/**
 * The logged-in resident of this request: null without a cookie; a cookie that no longer opens a
 * session is RESIDENT_SESSION_EXPIRED (401), and the answer clears it.
 */
export async function residentOf(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<Resident | null> {
  const token = residentTokenOf(req);
  if (!token) return null;
  try {
    if (token.length > 100)
      throw new AppError('RESIDENT_SESSION_EXPIRED', { details: { reason: 'unknown' } });
    return await resolveResidentSession(ctx, token);
  } catch (e) {
    if (e instanceof AppError && e.code === 'RESIDENT_SESSION_EXPIRED') clearResidentCookie(reply);
    throw e;
  }
}

/** As residentOf, but a request without a login is RESIDENT_LOGIN_REQUIRED (401). */
export async function requireResident(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<Resident> {
  const r = await residentOf(ctx, req, reply);
  if (!r) throw new AppError('RESIDENT_LOGIN_REQUIRED');
  return r;
}
