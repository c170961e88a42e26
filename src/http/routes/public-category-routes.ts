// The category picker of the residents' portal (随手拍): the active taxonomy as majors (大类) with
// their minor classes (小类) — codes and names only, no units, limits or closing standards.
// Public: a resident reports without an account (GET /categories needs a staff login).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../commands/context.ts';
import { CATEGORY_KIND_LABELS } from '../../domain/categories/taxonomy.ts';
import { listCategories } from '../../store/category-store.ts';

interface PublicMajor {
  code: string;
  name: string;
  kind: string;
  kind_label: { zh: string; en: string };
  minors: { code: string; name: string }[];
}

export function publicCategoryRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/public/categories',
      {
        config: { access: 'public', rateLimit: { max: 120, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary: '问题类别 The active categories for the report form: major → minor, names only',
        },
      },
      async (_req, reply) => {
        const rows = await listCategories(ctx.db, { active: true });
        const majors = new Map<string, PublicMajor>();
        for (const r of rows) {
          const key = `${r.kind}:${r.major_code}`;
          let m = majors.get(key);
          if (!m) {
            m = {
              code: r.major_code,
              name: r.major_name,
              kind: r.kind,
              kind_label: CATEGORY_KIND_LABELS[r.kind],
              minors: [],
            };
            majors.set(key, m);
          }
          m.minors.push({ code: r.code, name: r.name });
        }
        void reply.header('cache-control', 'public, max-age=300');
        return { majors: [...majors.values()] };
      },
    );
  };
}
