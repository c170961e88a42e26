// The landing page at `/` until the console (web/) is built: what this installation is and
// where to go next.
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../commands/context.ts';

export function landingRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
      const city = (
        await ctx.db.query<{ name: string }>(
          `SELECT name FROM regions WHERE level = 'city' ORDER BY code LIMIT 1`,
        )
      ).rows[0];
      void reply.type('text/html; charset=utf-8');
      return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>网格 Wangge</title><style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.6}code{background:#f3f3f3;padding:0 .3em}</style></head>
<body><h1>网格 Wangge</h1><p>网格化服务管理平台 · grid-based social governance — ${city ? city.name : ''}</p>
<ul><li><a href="/docs">接口文档 API documentation (OpenAPI)</a></li><li><a href="/api/v1/health">运行状态 health</a></li></ul>
<p>登录 Log in: <code>POST /api/v1/auth/login</code>（演示账号见启动输出 demo accounts are printed at start）</p></body></html>`;
    });
  };
}
