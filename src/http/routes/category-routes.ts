// The case taxonomy (案件类别): list (flat or as a tree), read, add local classes, edit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toCategoryTree, toCategoryView } from '../../commands/categories/category-view.ts';
import { createCategory } from '../../commands/categories/create-category.ts';
import { getCategory } from '../../commands/categories/get-category.ts';
import { listCategoriesCommand } from '../../commands/categories/list-categories.ts';
import { updateCategoryCommand } from '../../commands/categories/update-category.ts';
import type { AppContext } from '../../commands/context.ts';
import { CATEGORY_KINDS } from '../../domain/categories/taxonomy.ts';
import { actorOf } from '../plugins/auth.ts';

const KindSchema = Type.Union(CATEGORY_KINDS.map((k) => Type.Literal(k)));
const Code = Type.String({ pattern: '^[0-9]{4,6}$' });
const MajorCode = Type.String({ pattern: '^[0-9]{2}$' });
// Limits are checked by the command (parseTimeLimit) so that the message explains the format.
const Limit = Type.String({ maxLength: 10 });
const DefaultUnits = Type.Record(Type.String(), Type.String(), {
  description: 'region level (village, township, county, city) → unit function code',
});
const Name = Type.String({ minLength: 1, maxLength: 50 });
const Closing = Type.String({ minLength: 1, maxLength: 500 });

/** GET/POST /categories, GET/PATCH /categories/:code (categories:read, categories:write). */
export function categoryRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/categories',
      {
        config: { access: 'categories:read' },
        schema: {
          tags: ['categories'],
          summary: '案件类别 The taxonomy (flat, or ?tree=true grouped by kind → major → minor)',
          querystring: Type.Object({
            kind: Type.Optional(KindSchema),
            major: Type.Optional(MajorCode),
            active: Type.Optional(Type.Boolean()),
            q: Type.Optional(Type.String({ maxLength: 50 })),
            tree: Type.Boolean({ default: false }),
          }),
        },
      },
      async (req) => {
        const rows = await listCategoriesCommand(ctx, req.query);
        return req.query.tree
          ? { tree: toCategoryTree(rows), count: rows.length }
          : { items: rows.map(toCategoryView) };
      },
    );

    app.get(
      '/categories/:code',
      {
        config: { access: 'categories:read' },
        schema: { tags: ['categories'], params: Type.Object({ code: Code }) },
      },
      async (req) => ({ category: toCategoryView(await getCategory(ctx.db, req.params.code)) }),
    );

    app.post(
      '/categories',
      {
        config: { access: 'categories:write' },
        schema: {
          tags: ['categories'],
          summary: '新增本地小类 Add a local category',
          body: Type.Object(
            {
              kind: KindSchema,
              major_code: MajorCode,
              major_name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
              code: Type.Optional(Code),
              name: Name,
              default_units: Type.Optional(DefaultUnits),
              default_unit: Type.Optional(Type.String({ maxLength: 64 })),
              limit_urgent: Limit,
              limit_normal: Limit,
              closing_standard: Closing,
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const code = await createCategory(ctx, actorOf(req), {
          kind: b.kind,
          majorCode: b.major_code,
          majorName: b.major_name,
          code: b.code,
          name: b.name,
          defaultUnits: b.default_units,
          defaultUnit: b.default_unit,
          limitUrgent: b.limit_urgent,
          limitNormal: b.limit_normal,
          closingStandard: b.closing_standard,
        });
        void reply.status(201);
        return { category: toCategoryView(await getCategory(ctx.db, code)) };
      },
    );

    app.patch(
      '/categories/:code',
      {
        config: { access: 'categories:write' },
        schema: {
          tags: ['categories'],
          summary: '修改类别 Edit a category',
          params: Type.Object({ code: Code }),
          body: Type.Object(
            {
              version: Type.Integer({ minimum: 1 }),
              name: Type.Optional(Name),
              limit_urgent: Type.Optional(Limit),
              limit_normal: Type.Optional(Limit),
              default_units: Type.Optional(DefaultUnits),
              closing_standard: Type.Optional(Closing),
              active: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req) => {
        const b = req.body;
        await updateCategoryCommand(ctx, actorOf(req), req.params.code, {
          version: b.version,
          name: b.name,
          limitUrgent: b.limit_urgent,
          limitNormal: b.limit_normal,
          defaultUnits: b.default_units,
          closingStandard: b.closing_standard,
          active: b.active,
        });
        return { category: toCategoryView(await getCategory(ctx.db, req.params.code)) };
      },
    );
  };
}
