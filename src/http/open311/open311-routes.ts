// Open311 GeoReport v2 at /open311/v2/ (registered by app.ts): discovery, services, service
// definitions, requests (GET with filters, POST with api_key), one request, tokens — each as .json
// or .xml. Every route is public; POST checks its api_key itself. Errors, unknown paths included,
// take the spec's shape in the format the path asked for.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createOpen311Request } from '../../commands/open311/create-open311-request.ts';
import { listOpen311Requests } from '../../commands/open311/list-open311-requests.ts';
import {
  jurisdictionId,
  toService,
  toServiceDefinition,
  toRequest,
} from '../../commands/open311/open311-mapping.ts';
import { publicCasesByIds } from '../../commands/open311/open311-queries.ts';
import type { AppContext } from '../../commands/context.ts';
import { AppError } from '../../domain/errors.ts';
import { padRegionCode } from '../../domain/regions/region-code.ts';
import { findActiveApiKey } from '../../store/api-key-store.ts';
import { findCategory, listCategories } from '../../store/category-store.ts';
import { findRegion } from '../../store/region-store.ts';
import { toAppError } from '../plugins/error-handler.ts';
import { collectInput, formatOfUrl, parseForm, send, sendError, splitFormat, type Format } from './format.ts';

const FORMATS: readonly Format[] = ['json', 'xml'];
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-03-10T00:00:00+08:00';

const route = (summary: string) => ({
  config: { access: 'public' as const },
  schema: { tags: ['open311'], summary },
});

/** The id and format of a `:file` parameter such as 3506-20260310-000001.xml; 404 without .json/.xml. */
function fileParam(req: FastifyRequest): { id: string; format: Format } {
  const file = (req.params as { file?: string }).file ?? '';
  const parsed = splitFormat(file);
  if (!parsed) throw new AppError('ROUTE_NOT_FOUND', { details: { url: req.url } });
  return parsed;
}

export function open311Routes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const jurisdiction = jurisdictionId(ctx.config.cityCode);
    const demo = ctx.config.mode === 'demo';

    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, parseForm(String(body)));
      },
    );
    app.setErrorHandler((err, req, reply) => {
      const e = toAppError(err as Parameters<typeof toAppError>[0]);
      if (e.code === 'INTERNAL') req.log.error({ err }, 'internal error');
      return reply.send(sendError(reply, formatOfUrl(req.url), e));
    });
    app.setNotFoundHandler((req, reply) =>
      reply.send(sendError(reply, formatOfUrl(req.url), new AppError('ROUTE_NOT_FOUND'))),
    );
    // jurisdiction_id is optional with one jurisdiction, but a wrong one is refused.
    app.addHook('preHandler', async (req) => {
      const j = collectInput(req.query, req.body).fields.jurisdiction_id?.trim();
      if (j && j.toLowerCase() !== jurisdiction)
        throw new AppError('VALIDATION_FAILED', {
          issues: [
            {
              field: 'jurisdiction_id',
              en: `unknown jurisdiction; this server serves ${jurisdiction}`,
              zh: `未知的辖区，本服务的辖区为 ${jurisdiction}`,
            },
          ],
        });
    });

    for (const fmt of FORMATS) {
      app.get(`/discovery.${fmt}`, route('Open311 discovery'), async (req, reply) => {
        const city = await findRegion(ctx.db, padRegionCode(ctx.config.cityCode));
        const url = `${req.protocol}://${req.host}/open311/v2/`;
        return send(reply, fmt, 'discovery', {
          changeset: CHANGESET,
          contact: `${city?.name ?? ''}网格化服务管理中心 (${jurisdiction})`,
          key_service: demo
            ? '演示环境可使用 api_key=demo；正式密钥请向平台管理员申请 / Demo: use api_key=demo; ask the administrator for a key'
            : '请向平台管理员申请 api_key / Ask the platform administrator for an api_key',
          endpoints: [
            {
              specification: SPEC,
              url,
              changeset: CHANGESET,
              type: demo ? 'test' : 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        });
      });

      app.get(`/services.${fmt}`, route('Open311 services (case categories)'), async (_req, reply) => {
        const cats = await listCategories(ctx.db, { active: true });
        return send(reply, fmt, 'services', cats.map(toService));
      });

      app.get(`/requests.${fmt}`, route('Open311 service requests'), async (req, reply) => {
        const rows = await listOpen311Requests(ctx, collectInput(req.query).fields);
        return send(reply, fmt, 'service_requests', rows);
      });

      app.post(
        `/requests.${fmt}`,
        route('Open311 create a service request (api_key)'),
        async (req, reply) => {
          const input = collectInput(req.query, req.body);
          const apiKey = input.fields.api_key?.trim();
          const key = apiKey ? await findActiveApiKey(ctx.db, apiKey) : undefined;
          if (!key)
            throw new AppError('FORBIDDEN', {
              issues: [{ field: 'api_key', en: 'missing or invalid API key', zh: 'API 密钥缺失或无效' }],
            });
          const header = req.headers['idempotency-key'];
          const made = await createOpen311Request(ctx, key, {
            ...input,
            idempotencyKey: Array.isArray(header) ? header[0] : header,
          });
          return send(reply, fmt, 'service_requests', [
            {
              service_request_id: made.caseRow.code,
              token: made.caseRow.id,
              service_notice: made.serviceNotice,
            },
          ]);
        },
      );
    }

    app.get('/services/:file', route('Open311 service definition'), async (req, reply) => {
      const { id, format } = fileParam(req);
      const cat = await findCategory(ctx.db, id);
      if (!cat || !cat.active)
        throw new AppError('CATEGORY_NOT_FOUND', {
          issues: [{ field: 'service_code', en: `no such service ${id}`, zh: `服务类型 ${id} 不存在` }],
        });
      return send(reply, format, 'service_definition', toServiceDefinition(cat));
    });

    app.get('/requests/:file', route('Open311 one service request'), async (req, reply) => {
      const { id, format } = fileParam(req);
      const extensions = collectInput(req.query).fields.extensions === 'true';
      const rows = id.length <= 64 ? await publicCasesByIds(ctx.db, [id]) : [];
      if (!rows.length)
        throw new AppError('CASE_NOT_FOUND', {
          issues: [{ field: 'service_request_id', en: `no such request ${id}`, zh: `服务请求 ${id} 不存在` }],
        });
      return send(
        reply,
        format,
        'service_requests',
        rows.map((r) => toRequest(r, { extensions })),
      );
    });

    app.get('/tokens/:file', route('Open311 service request id of a token'), async (req, reply) => {
      const { id, format } = fileParam(req);
      const rows = id.length <= 64 ? await publicCasesByIds(ctx.db, [id]) : [];
      const row = rows.find((r) => r.id === id.toLowerCase());
      if (!row)
        throw new AppError('NOT_FOUND', {
          issues: [{ field: 'token', en: `no such token ${id}`, zh: `令牌 ${id} 不存在` }],
        });
      return send(reply, format, 'service_requests', [{ service_request_id: row.code, token: row.id }]);
    });
  };
}
