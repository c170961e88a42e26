// Accounts (admin), scoped to the caller's regions; and the security audit log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { createUser } from '../../commands/users/create-user.ts';
import { getUser } from '../../commands/users/get-user.ts';
import { resetUserPassword } from '../../commands/users/reset-user-password.ts';
import { updateUserCommand } from '../../commands/users/update-user.ts';
import { toUserView } from '../../commands/users/user-view.ts';
import { ROLES } from '../../domain/auth/roles.ts';
import { scopePatterns } from '../../domain/regions/scope.ts';
import { listAudit } from '../../store/audit-store.ts';
import { listUsers } from '../../store/user-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { Limit, RegionCodeParam, StringEnum } from './common-schemas.ts';

const RoleSchema = StringEnum(ROLES);
const Uuid = Type.String({ format: 'uuid' });

export function userRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'users:read' },
        schema: {
          tags: ['users'],
          summary: '用户列表 Users in my scope',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 50 })),
            role: Type.Optional(RoleSchema),
            after: Type.Optional(Type.String()),
            limit: Limit,
          }),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const rows = await listUsers(ctx.db, {
          scopePatterns: scopePatterns(actor.scope),
          text: req.query.q,
          role: req.query.role,
          afterUsername: req.query.after,
          limit: req.query.limit,
        });
        const last = rows.length === req.query.limit ? rows[rows.length - 1] : undefined;
        return { items: rows.map(toUserView), next: last?.username ?? null };
      },
    );

    app.get(
      '/users/:id',
      { config: { access: 'users:read' }, schema: { tags: ['users'], params: Type.Object({ id: Uuid }) } },
      async (req) => ({ user: toUserView(await getUser(ctx, actorOf(req), req.params.id)) }),
    );

    app.post(
      '/users',
      {
        config: { access: 'users:write' },
        schema: {
          tags: ['users'],
          summary: '新建用户 Create a user',
          body: Type.Object(
            {
              username: Type.String({ pattern: '^[A-Za-z0-9_.-]{3,32}$' }),
              display_name: Type.String({ minLength: 1, maxLength: 50 }),
              password: Type.String({ minLength: 1, maxLength: 256 }),
              roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
              regions: Type.Array(RegionCodeParam, { default: [], uniqueItems: true }),
              units: Type.Array(Type.String({ maxLength: 64 }), { default: [], uniqueItems: true }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const id = await createUser(ctx, actorOf(req), {
          username: b.username,
          displayName: b.display_name,
          password: b.password,
          roles: b.roles,
          regions: b.regions,
          units: b.units,
        });
        void reply.status(201);
        return { user: toUserView(await getUser(ctx, actorOf(req), id)) };
      },
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'users:write' },
        schema: {
          tags: ['users'],
          params: Type.Object({ id: Uuid }),
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
              roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
              status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
              regions: Type.Optional(Type.Array(RegionCodeParam, { uniqueItems: true })),
              units: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { uniqueItems: true })),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const b = req.body;
        await updateUserCommand(ctx, actorOf(req), req.params.id, {
          version: b.version,
          displayName: b.display_name,
          roles: b.roles,
          status: b.status,
          regions: b.regions,
          units: b.units,
        });
        return { user: toUserView(await getUser(ctx, actorOf(req), req.params.id)) };
      },
    );

    app.post(
      '/users/:id/password',
      {
        config: { access: 'users:write' },
        schema: {
          tags: ['users'],
          summary: '重置密码 Set a temporary password',
          params: Type.Object({ id: Uuid }),
          body: Type.Object(
            { password: Type.String({ minLength: 1, maxLength: 256 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        await resetUserPassword(ctx, actorOf(req), req.params.id, req.body.password);
        return { ok: true };
      },
    );

    app.get(
      '/audit',
      {
        config: { access: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: '安全审计日志 Security audit log',
          querystring: Type.Object({
            actor: Type.Optional(Type.String({ maxLength: 64 })),
            action: Type.Optional(Type.String({ maxLength: 64 })),
            outcome: Type.Optional(
              Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed')]),
            ),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Limit,
          }),
        },
      },
      async (req) => {
        const q = req.query;
        const rows = await listAudit(ctx.db, {
          actorName: q.actor,
          action: q.action,
          outcome: q.outcome,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          beforeId: q.before,
          limit: q.limit,
        });
        return { items: rows, next: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
      },
    );
  };
}
