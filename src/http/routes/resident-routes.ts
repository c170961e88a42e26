// Residents' portal accounts: log in with a phone number and an SMS code (purpose 'login'), log
// out, who am I (the phone masked), and 我的上报 (my reports). Public routes (no staff session);
// the resident's session is the HttpOnly cookie of plugins/resident-auth.ts. Rate-limited per
// address like the other public endpoints.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { listMyReports } from '../../commands/residents/list-my-reports.ts';
import { loginResident } from '../../commands/residents/login-resident.ts';
import { logoutResident } from '../../commands/residents/logout-resident.ts';
import {
  clearResidentCookie,
  requireResident,
  residentOf,
  residentTokenOf,
  setResidentCookie,
} from '../plugins/resident-auth.ts';

const CaseCode = Type.String({ pattern: '^[0-9]{4}-[0-9]{8}-[0-9]{7}$' });

export function residentRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/public/resident-sessions',
      {
        config: { access: 'public', rateLimit: { max: 20, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '居民登录 Log in to the portal with a phone and an SMS code (from /public/sms-codes, purpose login); sets the HttpOnly cookie wangge_resident',
          body: Type.Object(
            {
              phone: Type.String({ minLength: 1, maxLength: 20 }),
              code: Type.String({ pattern: '^[0-9]{6}$' }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const r = await loginResident(ctx, { phone: req.body.phone, code: req.body.code });
        setResidentCookie(reply, r.token, (r.expiresAt.getTime() - ctx.clock.now().getTime()) / 1000);
        void reply.status(201);
        return { resident: { phone_masked: r.phoneMasked, expires_at: r.expiresAt.toISOString() } };
      },
    );

    app.delete(
      '/public/resident-sessions',
      {
        config: { access: 'public', rateLimit: { max: 60, windowS: 600 } },
        schema: { tags: ['public'], summary: '退出登录 Log out of the portal (ends the session at once)' },
      },
      async (req, reply) => {
        const token = residentTokenOf(req);
        if (token) await logoutResident(ctx, token);
        clearResidentCookie(reply);
        return { ok: true };
      },
    );

    app.get(
      '/public/me',
      {
        config: { access: 'public', rateLimit: { max: 300, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '当前居民 The logged-in resident (phone masked), or null without a login; 401 RESIDENT_SESSION_EXPIRED for an ended one',
        },
      },
      async (req, reply) => {
        const r = await residentOf(ctx, req, reply);
        return {
          resident: r
            ? {
                phone_masked: r.phoneMasked,
                logged_in_at: r.loggedInAt.toISOString(),
                expires_at: r.expiresAt.toISOString(),
              }
            : null,
        };
      },
    );

    app.get(
      '/public/me/reports',
      {
        config: { access: 'public', rateLimit: { max: 120, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '我的上报 The logged-in resident’s reports, newest first: tracking code and link, category, public step, dates, can_rate',
          querystring: Type.Object(
            {
              before: Type.Optional(CaseCode),
              limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const r = await requireResident(ctx, req, reply);
        return listMyReports(ctx, r, { before: req.query.before, limit: req.query.limit });
      },
    );
  };
}
