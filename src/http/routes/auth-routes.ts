// Login, logout, the current user, and changing one's own password.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changePassword } from '../../commands/auth/change-password.ts';
import { loginUser } from '../../commands/auth/login-user.ts';
import { logoutUser } from '../../commands/auth/logout-user.ts';
import type { AppContext } from '../../commands/context.ts';
import { toUserView } from '../../commands/users/user-view.ts';
import { AppError } from '../../domain/errors.ts';
import { findUserById } from '../../store/user-store.ts';
import { SESSION_COOKIE, actorOf } from '../plugins/auth.ts';
import { errorResponses } from './common-schemas.ts';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: '登录 Log in',
          body: Type.Object({
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          }),
          response: {
            200: Type.Object({
              token: Type.String(),
              expires_at: Type.String(),
              must_change_password: Type.Boolean(),
              user: Type.Unknown(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const r = await loginUser(ctx, {
          username: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? null,
        });
        const user = await findUserById(ctx.db, r.userId);
        void reply.setCookie(SESSION_COOKIE, r.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          expires: r.expiresAt,
        });
        return {
          token: r.token,
          expires_at: r.expiresAt.toISOString(),
          must_change_password: r.mustChangePassword,
          user: user ? toUserView(user) : null,
        };
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '退出 Log out' } },
      async (req, reply) => {
        await logoutUser(ctx, actorOf(req), req.sessionToken ?? '', req.ip);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.get(
      '/auth/me',
      { config: { access: 'authenticated' }, schema: { tags: ['auth'], summary: '当前用户 Current user' } },
      async (req) => {
        const user = await findUserById(ctx.db, actorOf(req).userId);
        if (!user) throw new AppError('USER_NOT_FOUND');
        return {
          user: toUserView(user),
          scope: actorOf(req).scope.regions,
          idle_timeout_minutes: ctx.config.sessionIdleMinutes,
        };
      },
    );

    app.post(
      '/auth/password',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: '修改密码 Change own password',
          body: Type.Object({
            current_password: Type.String({ minLength: 1, maxLength: 256 }),
            new_password: Type.String({ minLength: 1, maxLength: 256 }),
          }),
        },
      },
      async (req) => {
        await changePassword(ctx, actorOf(req), {
          currentPassword: req.body.current_password,
          newPassword: req.body.new_password,
          token: req.sessionToken ?? '',
        });
        return { ok: true };
      },
    );
  };
}
