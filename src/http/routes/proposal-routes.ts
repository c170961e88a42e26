// Proposals and e-voting (出卷 / 征求意见 / 电子票决). Staff (proposals:manage) publish proposals and
// import rolls (CSV or .xlsx); residents read them, comment during consultation and vote with a
// one-time SMS code or as the logged-in resident (cookie; no phone or code) — public endpoints,
// rate-limited per address. Results appear when the voting window closes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../commands/context.ts';
import { approveProposalCommand, createProposal } from '../../commands/proposals/create-proposal.ts';
import { getManagedProposal } from '../../commands/proposals/get-managed-proposal.ts';
import { importRoll } from '../../commands/proposals/import-roll.ts';
import { proposalView } from '../../commands/proposals/proposal-view.ts';
import { commentOnProposal, voteOnProposal } from '../../commands/proposals/vote-on-proposal.ts';
import { CODE_PURPOSES, sendCode } from '../../commands/sms/one-time-code.ts';
import { AppError } from '../../domain/errors.ts';
import { ELIGIBILITIES, PASS_RULES } from '../../domain/proposals/proposal-rules.ts';
import { padRegionCode, scopePrefix } from '../../domain/regions/region-code.ts';
import { scopePatterns } from '../../domain/regions/scope.ts';
import { findProposal, listProposals } from '../../store/proposal-store.ts';
import { actorOf } from '../plugins/auth.ts';
import { residentOf } from '../plugins/resident-auth.ts';
import { RegionCodeParam, StringEnum } from './common-schemas.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Phone = Type.String({ maxLength: 20 });
const Code = Type.String({ pattern: '^[0-9]{6}$' });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function proposalRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const find = async (id: string) => {
      const p = await findProposal(ctx.db, id);
      if (!p) throw new AppError('PROPOSAL_NOT_FOUND', { details: { id } });
      return p;
    };

    app.post(
      '/proposals',
      {
        config: { access: 'proposals:manage' },
        schema: {
          tags: ['proposals'],
          summary: '出卷 Publish a proposal for a community (a property company’s waits for approval)',
          body: Type.Object(
            {
              region_code: RegionCodeParam,
              title: Type.String({ maxLength: 100 }),
              body: Type.String({ maxLength: 5000 }),
              options: Type.Array(
                Type.Object({ key: Type.String({ maxLength: 20 }), label: Type.String({ maxLength: 50 }) }),
                { maxItems: 10 },
              ),
              eligibility: StringEnum(ELIGIBILITIES),
              pass_rule: StringEnum(PASS_RULES),
              pass_option: Type.String({ maxLength: 20 }),
              allow_change: Type.Boolean({ default: false }),
              consultation_from: Type.String({ format: 'date-time' }),
              consultation_to: Type.String({ format: 'date-time' }),
              voting_from: Type.String({ format: 'date-time' }),
              voting_to: Type.String({ format: 'date-time' }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const p = await createProposal(ctx, actorOf(req), {
          regionCode: b.region_code,
          title: b.title,
          body: b.body,
          options: b.options,
          eligibility: b.eligibility,
          passRule: b.pass_rule,
          passOption: b.pass_option,
          allowChange: b.allow_change,
          consultationFrom: new Date(b.consultation_from),
          consultationTo: new Date(b.consultation_to),
          votingFrom: new Date(b.voting_from),
          votingTo: new Date(b.voting_to),
        });
        void reply.status(201);
        return { proposal: await proposalView(ctx, p, { comments: false }) };
      },
    );

    app.get(
      '/proposals',
      {
        config: { access: 'proposals:manage' },
        schema: { tags: ['proposals'], summary: '议题 Proposals in my scope (every status)' },
      },
      async (req) => {
        const rows = await listProposals(ctx.db, {
          like: scopePatterns(actorOf(req).scope),
          publishedOnly: false,
          limit: 200,
        });
        return {
          items: await Promise.all(rows.map((p) => proposalView(ctx, p, { comments: false, roll: true }))),
        };
      },
    );

    app.get(
      '/proposals/:id',
      {
        config: { access: 'proposals:manage' },
        schema: {
          tags: ['proposals'],
          summary: '议题详情 A proposal in my scope with comments, roll size and, once closed, its result',
          params: Id,
        },
      },
      async (req) => ({
        proposal: await proposalView(ctx, await getManagedProposal(ctx, actorOf(req), req.params.id), {
          comments: true,
          roll: true,
        }),
      }),
    );

    app.post(
      '/proposals/:id/approve',
      {
        config: { access: 'proposals:manage' },
        schema: {
          tags: ['proposals'],
          summary: '社区审核 Approve a property company’s proposal',
          params: Id,
        },
      },
      async (req) => ({
        proposal: await proposalView(ctx, await approveProposalCommand(ctx, actorOf(req), req.params.id), {
          comments: false,
        }),
      }),
    );

    // The roll as a file: CSV (UTF-8 or GBK) or an Excel workbook, up to 5 MB either way.
    app.addContentTypeParser(
      ['text/csv', XLSX_TYPE],
      { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
      (_r, body, done) => done(null, body),
    );
    app.put(
      '/proposals/:id/roll',
      {
        config: { access: 'proposals:manage' },
        schema: {
          tags: ['proposals'],
          summary:
            '表决名册 Import the roll: text/csv lines `household,phone`, or an .xlsx whose first sheet has those two columns (all or nothing)',
          params: Id,
        },
      },
      async (req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!Buffer.isBuffer(req.body) || (type !== 'text/csv' && type !== XLSX_TYPE))
          throw new AppError('VALIDATION_FAILED', {
            issues: [
              {
                field: 'body',
                zh: '请以 text/csv 或 Excel（.xlsx）文件上传名册',
                en: `must be sent as text/csv or ${XLSX_TYPE}`,
              },
            ],
          });
        return importRoll(
          ctx,
          actorOf(req),
          req.params.id,
          type === XLSX_TYPE ? { format: 'xlsx', body: req.body } : { format: 'csv', body: req.body },
        );
      },
    );

    // ── Residents (public) ────────────────────────────────────────────────────────────────────────
    app.get(
      '/public/proposals',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '议题 Published proposals of a community or area',
          querystring: Type.Object({ region: Type.Optional(RegionCodeParam) }),
        },
      },
      async (req) => {
        const rows = await listProposals(ctx.db, {
          like: [scopePrefix(req.query.region ?? padRegionCode(ctx.config.cityCode)) + '%'],
          publishedOnly: true,
          limit: 100,
        });
        return { items: await Promise.all(rows.map((p) => proposalView(ctx, p, { comments: false }))) };
      },
    );

    app.get(
      '/public/proposals/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '议题详情 A proposal with comments and, once closed, its result',
          params: Id,
        },
      },
      async (req) => {
        const p = await find(req.params.id);
        if (p.status !== 'published') throw new AppError('PROPOSAL_NOT_FOUND', { details: { id: p.id } });
        return { proposal: await proposalView(ctx, p, { comments: true }) };
      },
    );

    app.post(
      '/public/sms-codes',
      {
        config: { access: 'public', rateLimit: { max: 20, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary: '短信验证码 Send a one-time code (one a minute per phone)',
          body: Type.Object(
            { phone: Phone, purpose: StringEnum(CODE_PURPOSES) },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        void reply.status(202);
        return sendCode(ctx, req.body.phone, req.body.purpose);
      },
    );

    app.post(
      '/public/proposals/:id/comments',
      {
        config: { access: 'public', rateLimit: { max: 20, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '线上意见 Comment during consultation: phone and code (from /public/sms-codes, purpose comment), or as the logged-in resident (cookie; no phone or code)',
          params: Id,
          body: Type.Object(
            { phone: Type.Optional(Phone), code: Type.Optional(Code), body: Type.String({ maxLength: 500 }) },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        // A resident cookie that no longer opens a session is a 401, never a comment by code.
        const resident = await residentOf(ctx, req, reply);
        await commentOnProposal(ctx, req.params.id, { ...req.body, resident });
        void reply.status(201);
        return { ok: true };
      },
    );

    app.post(
      '/public/proposals/:id/votes',
      {
        config: { access: 'public', rateLimit: { max: 30, windowS: 600 } },
        schema: {
          tags: ['public'],
          summary:
            '电子票决 Vote: phone and code (from /public/sms-codes, purpose vote), or as the logged-in resident (cookie; no phone or code); secret ballot',
          params: Id,
          body: Type.Object(
            {
              phone: Type.Optional(Phone),
              code: Type.Optional(Code),
              option: Type.String({ maxLength: 20 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        // A resident cookie that no longer opens a session is a 401 and nothing is cast.
        const resident = await residentOf(ctx, req, reply);
        const r = await voteOnProposal(ctx, req.params.id, { ...req.body, resident });
        void reply.status(r.outcome === 'cast' ? 201 : 200);
        return r;
      },
    );
  };
}
