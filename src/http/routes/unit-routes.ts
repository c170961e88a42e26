// Handling units (承办单位), scoped to the caller's regions: list, read, create, edit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { createUnit } from '../../commands/units/create-unit.ts';
import { getUnit } from '../../commands/units/get-unit.ts';
import { listUnitsCommand } from '../../commands/units/list-units.ts';
import { updateUnitCommand } from '../../commands/units/update-unit.ts';
import { toUnitView } from '../../commands/units/unit-view.ts';
import { UNIT_FUNCTIONS, UNIT_KINDS } from '../../domain/units/unit-functions.ts';
import { actorOf } from '../plugins/auth.ts';
import { Limit, RegionCodeParam } from './common-schemas.ts';

const FunctionSchema = Type.Union(UNIT_FUNCTIONS.map((f) => Type.Literal(f.code)));
const KindSchema = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const UnitId = Type.String({ pattern: '^[A-Za-z0-9_.-]{2,64}$' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Phone = Type.String({ pattern: '^[0-9+() -]{3,32}$' });

/** GET/POST /units, GET/PATCH /units/:id, GET /units/functions (units:read, units:write). */
export function unitRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/units',
      {
        config: { access: 'units:read' },
        schema: {
          tags: ['units'],
          summary: '承办单位列表 Handling units in my scope',
          querystring: Type.Object({
            region: Type.Optional(RegionCodeParam),
            function: Type.Optional(FunctionSchema),
            kind: Type.Optional(KindSchema),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            active: Type.Optional(Type.Boolean()),
            after: Type.Optional(UnitId),
            limit: Limit,
          }),
        },
      },
      async (req) => {
        const page = await listUnitsCommand(ctx, actorOf(req), req.query);
        return { items: page.items.map(toUnitView), next: page.next };
      },
    );

    app.get(
      '/units/functions',
      { config: { access: 'units:read' }, schema: { tags: ['units'], summary: '单位职能 Unit functions' } },
      async () => ({
        items: UNIT_FUNCTIONS.map((f) => ({
          code: f.code,
          zh: f.zh,
          en: f.en,
          kind: f.kind,
          levels: f.levels,
        })),
      }),
    );

    app.get(
      '/units/:id',
      { config: { access: 'units:read' }, schema: { tags: ['units'], params: Type.Object({ id: UnitId }) } },
      async (req) => ({ unit: toUnitView(await getUnit(ctx.db, actorOf(req), req.params.id)) }),
    );

    app.post(
      '/units',
      {
        config: { access: 'units:write' },
        schema: {
          tags: ['units'],
          summary: '新建承办单位 Create a unit',
          body: Type.Object(
            {
              id: Type.Optional(UnitId),
              name: Name,
              function: FunctionSchema,
              kind: Type.Optional(KindSchema),
              region_code: RegionCodeParam,
              parent_id: Type.Optional(UnitId),
              phone: Type.Optional(Phone),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const actor = actorOf(req);
        const id = await createUnit(ctx, actor, {
          id: b.id,
          name: b.name,
          function: b.function,
          kind: b.kind,
          regionCode: b.region_code,
          parentId: b.parent_id,
          phone: b.phone,
        });
        void reply.status(201);
        return { unit: toUnitView(await getUnit(ctx.db, actor, id)) };
      },
    );

    app.patch(
      '/units/:id',
      {
        config: { access: 'units:write' },
        schema: {
          tags: ['units'],
          summary: '修改承办单位 Edit a unit',
          params: Type.Object({ id: UnitId }),
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              name: Type.Optional(Name),
              function: Type.Optional(FunctionSchema),
              kind: Type.Optional(KindSchema),
              parent_id: Type.Optional(Type.Union([Type.Null(), UnitId])),
              phone: Type.Optional(Type.Union([Type.Null(), Phone])),
              active: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const b = req.body;
        const actor = actorOf(req);
        await updateUnitCommand(ctx, actor, req.params.id, {
          version: b.version,
          name: b.name,
          function: b.function,
          kind: b.kind,
          parentId: b.parent_id,
          phone: b.phone,
          active: b.active,
        });
        return { unit: toUnitView(await getUnit(ctx.db, actor, req.params.id)) };
      },
    );
  };
}
