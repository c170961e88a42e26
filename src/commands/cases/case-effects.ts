// What each action changes beyond the state: the fields it must carry and the case columns it
// sets, plus supervision orders and outbox topics. Pure of SQL except the lookups it needs.
import type { CaseAction } from '../../domain/cases/lifecycle.ts';
import { suggestLeadUnit } from '../../domain/cases/dispatch-rules.ts';
import { deadlineFor, parseTimeLimit, type TimeLimit } from '../../domain/calendar/time-limit.ts';
import { AppError } from '../../domain/errors.ts';
import { ancestorCodes } from '../../domain/regions/region-code.ts';
import { findCase, type CasePatch, type CaseRow } from '../../store/case-store.ts';
import { findCategory } from '../../store/category-store.ts';
import type { Queryable } from '../../store/db.ts';
import { findUnit } from '../../store/unit-store.ts';
import { unitsInChain } from '../../store/unit-lookup.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import { InputCheck, RETURN_REASONS, type ActionInput } from './action-input.ts';

export interface Effect {
  patch: CasePatch;
  note: string | null;
  photos: string[];
  data?: Record<string, unknown>;
  supervision?: { kind: 'manual' | 'urge'; level: 'manual'; unitId: string | null; note: string };
}

async function handlingDeadline(
  cal: WorkingCalendar,
  q: Queryable,
  categoryCode: string,
  urgency: string,
  from: Date,
): Promise<Date> {
  const cat = await findCategory(q, categoryCode);
  if (!cat) throw new AppError('CATEGORY_NOT_FOUND', { details: { code: categoryCode } });
  const limit = parseTimeLimit(urgency === 'urgent' ? cat.limit_urgent : cat.limit_normal);
  return deadlineFor(from, limit, cal);
}

async function checkUnit(q: Queryable, id: string, field: string): Promise<void> {
  const u = await findUnit(q, id);
  if (!u || !u.active)
    throw new AppError('UNIT_NOT_FOUND', {
      issues: [{ field, zh: `承办单位 ${id} 不存在或已停用`, en: `no active unit ${id}` }],
    });
}

/** The lead unit the rules suggest for the case (category default per level, ownership order). */
export async function suggestedUnit(q: Queryable, c: CaseRow): Promise<string | undefined> {
  if (!c.category_code) return undefined;
  const cat = await findCategory(q, c.category_code);
  if (!cat) return undefined;
  const units = await unitsInChain(q, [...ancestorCodes(c.region_code), c.region_code]);
  return suggestLeadUnit(cat.kind, cat.default_units, c.region_code, units)?.id;
}

/**
 * The effect of `action` on case `c`. Runs inside the action's transaction, so it reads only
 * through `q` (on PGlite another query on the database would wait for this transaction forever);
 * the working calendar is loaded before the transaction starts.
 */
export async function effectOf(
  cal: WorkingCalendar,
  /** Time limit of the inspector's steps: 核实 (verifying) and 核查 (reported_back). */
  verifyLimit: TimeLimit,
  q: Queryable,
  action: CaseAction,
  c: CaseRow,
  input: ActionInput,
  now: Date,
): Promise<Effect> {
  const k = new InputCheck(input);
  const base = (patch: CasePatch, extra: Partial<Effect> = {}): Effect => {
    k.done();
    return { patch, note: input.note?.trim() || null, photos: input.photos ?? [], ...extra };
  };
  switch (action) {
    case 'send_to_verify': {
      const due = deadlineFor(now, verifyLimit, cal);
      return base({ step_deadline_at: due }, { data: { step_deadline_at: due.toISOString() } });
    }
    case 'acknowledge':
      return base({ acknowledged_at: now });
    case 'assist':
      return base({}, { note: k.text('note') });
    case 'confirm_report': {
      const genuine = k.require('genuine', '请说明核实结果（属实/不属实）');
      return base({ verified: genuine ?? null, step_deadline_at: null });
    }
    case 'register': {
      const category =
        input.category_code ?? c.category_code ?? k.require('category_code', '立案须确定案件类别');
      if (category && !(await findCategory(q, category))?.active) {
        throw new AppError('CATEGORY_NOT_FOUND', {
          issues: [
            {
              field: 'category_code',
              zh: `案件类别 ${category} 不存在或已停用`,
              en: `no active category ${category}`,
            },
          ],
        });
      }
      return base({
        category_code: category ?? null,
        urgency: input.urgency ?? c.urgency,
        ...(input.title?.trim() ? { title: input.title.trim().slice(0, 40) } : {}),
        registered_at: now,
      });
    }
    case 'reject':
    case 'void':
    case 'deny_self_handled':
      return base(action === 'deny_self_handled' ? { registered_at: now } : {}, { note: k.text('reason') });
    case 'merge': {
      const target = k.require('target_case_id', '请指定合并到的案件');
      k.done();
      const t = target ? await findCase(q, target) : undefined;
      if (!t || t.id === c.id || ['rejected', 'voided', 'merged'].includes(t.state)) {
        throw new AppError('VALIDATION_FAILED', {
          issues: [
            {
              field: 'target_case_id',
              zh: '目标案件不存在或已终止',
              en: 'the target case does not exist or has ended',
            },
          ],
        });
      }
      return base({ merged_into: t.id }, { data: { merged_into: t.code } });
    }
    case 'self_handle':
      return base({ result: k.text('result') }, { photos: k.photos(1) });
    case 'approve_self_handled':
    case 'verify_pass':
      return base(
        { closed_at: now, colour: 'green', step_deadline_at: null },
        { photos: action === 'verify_pass' ? k.photos(1) : (input.photos ?? []) },
      );
    case 'dispatch':
    case 'reassign': {
      const lead =
        input.lead_unit_id ??
        (action === 'dispatch' ? await suggestedUnit(q, c) : undefined) ??
        k.require('lead_unit_id', '请选择主办单位');
      k.done();
      if (!lead) throw new AppError('VALIDATION_FAILED');
      await checkUnit(q, lead, 'lead_unit_id');
      const co = (input.co_unit_ids ?? []).filter((u) => u !== lead);
      for (const [i, u] of co.entries()) await checkUnit(q, u, `co_unit_ids[${i}]`);
      if (!c.category_code)
        throw new AppError('VALIDATION_FAILED', {
          issues: [{ field: 'category_code', zh: '案件尚无类别', en: 'the case has no category' }],
        });
      const deadline = await handlingDeadline(cal, q, c.category_code, c.urgency, now);
      return base(
        {
          lead_unit_id: lead,
          co_unit_ids: co,
          deadline_at: deadline,
          dispatched_at: now,
          acknowledged_at: null,
          colour: 'green',
          // A new unit starts clean: a request the old unit left open does not block it.
          pending_request: null,
          pending_request_data: null,
          ...(action === 'reassign' ? { reassign_count: c.reassign_count + 1 } : {}),
        },
        {
          data: {
            lead_unit_id: lead,
            co_unit_ids: co,
            deadline_at: deadline.toISOString(),
            suggested: input.lead_unit_id === undefined,
          },
        },
      );
    }
    case 'return': {
      const code = k.require('reason_code', '请选择退回原因') as keyof typeof RETURN_REASONS | undefined;
      if (code && !(code in RETURN_REASONS))
        k.issues.push({
          field: 'reason_code',
          zh: '未知的退回原因',
          en: `must be one of ${Object.keys(RETURN_REASONS).join(', ')}`,
        });
      const note = code === 'other' ? k.text('reason') : input.reason?.trim() || null;
      return base({ return_count: c.return_count + 1 }, { note, data: { reason_code: code } });
    }
    case 'request_extension':
    case 'request_suspension': {
      const reason = k.text('reason');
      let extra: string | undefined;
      if (action === 'request_extension') {
        extra = k.require('extra', '请填写延期时长，如 2d');
        if (extra) parseTimeLimit(extra, 'extra');
      }
      const kind = action === 'request_extension' ? 'extension' : 'suspension';
      return base(
        {
          pending_request: kind,
          pending_request_data: { reason, extra: extra ?? null, requested_at: now.toISOString() },
        },
        { note: reason },
      );
    }
    case 'approve_extension': {
      const raw = c.pending_request_data?.extra;
      const extra = parseTimeLimit(typeof raw === 'string' ? raw : '', 'extra');
      const from = c.deadline_at ?? now;
      const deadline = deadlineFor(from, extra, cal);
      return base(
        { deadline_at: deadline, pending_request: null, pending_request_data: null, colour: 'green' },
        { data: { deadline_at: deadline.toISOString() } },
      );
    }
    case 'deny_extension':
    case 'deny_suspension':
      return base({ pending_request: null, pending_request_data: null }, { note: k.text('reason') });
    case 'approve_suspension':
      return base({ pending_request: null, pending_request_data: null, suspended_at: now });
    case 'resume': {
      // Suspended time does not count: the deadline moves by the working time spent suspended.
      const since = c.suspended_at ?? now;
      const paused = cal.workingMsBetween(since, now);
      const deadline = c.deadline_at ? cal.addWorkingMs(c.deadline_at, paused) : null;
      return base(
        {
          suspended_at: null,
          suspended_ms: c.suspended_ms + (now.getTime() - since.getTime()),
          deadline_at: deadline,
        },
        { data: { paused_working_ms: paused } },
      );
    }
    case 'report_back': {
      const due = deadlineFor(now, verifyLimit, cal);
      return base(
        { result: k.text('result'), reported_back_at: now, step_deadline_at: due },
        { photos: k.photos(1), data: { step_deadline_at: due.toISOString() } },
      );
    }
    case 'verify_fail':
      return base(
        { rework_count: c.rework_count + 1, reported_back_at: null, step_deadline_at: null },
        { note: k.text('reason') },
      );
    case 'follow_up': {
      const s = k.require('satisfaction', '请选择满意度');
      if (s && !['satisfied', 'basically_satisfied', 'dissatisfied'].includes(s))
        k.issues.push({
          field: 'satisfaction',
          zh: '满意度应为 满意/基本满意/不满意',
          en: 'must be satisfied, basically_satisfied or dissatisfied',
        });
      return base({ satisfaction: s ?? null });
    }
    case 'reopen':
      return base(
        {
          closed_at: null,
          reopen_count: c.reopen_count + 1,
          registered_at: now,
          satisfaction: null,
          published_at: null,
        },
        { note: k.text('reason') },
      );
    case 'publish':
      return base({ published_at: now });
    case 'supervise':
    case 'urge': {
      const note = action === 'supervise' ? k.text('note') : input.note?.trim() || '请尽快办理';
      return base(
        {},
        {
          note,
          supervision: {
            kind: action === 'supervise' ? 'manual' : 'urge',
            level: 'manual',
            unitId: c.lead_unit_id,
            note,
          },
        },
      );
    }
  }
}
