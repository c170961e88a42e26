// Turns planned demo cases into the rows the real commands would have written: the case row
// (reporter contact sealed with the context's sealer, as intake does), one event per step with
// the acting account's id, name and role, the supervision orders, and a photo attachment for
// every photo an event carries. Outbox messages are not written: history must not be relayed.
import type { HistoryChunkJson } from '../../store/history-store.ts';
import type { AppContext } from '../context.ts';
import type { DemoPhoto } from './history-photos.ts';
import { caseCode, type PlannedCase } from './history-plan.ts';
import { uuidV7 } from './history-random.ts';
import { fakeReporter } from './history-templates.ts';

interface Sealed {
  name: string;
  phone: string;
  hash: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Builds chunk rows; keeps the sealed contact of each fake reporter (sealed once, reused). */
export class HistoryRows {
  private readonly sealed = new Map<number, Sealed>();
  private photoTurn = 0;
  // Id and number of every case built so far (weak: a merge target is always a recent case).
  private readonly ids = new WeakMap<PlannedCase, { id: string; code: string }>();
  readonly counts = { cases: 0, events: 0, orders: 0, photos: 0 };
  readonly states = new Map<string, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly photos: readonly DemoPhoto[],
  ) {}

  private contact(index: number): Sealed {
    let s = this.sealed.get(index);
    if (!s) {
      const r = fakeReporter(index);
      const sealer = this.ctx.sealer;
      s = {
        name: sealer.seal(r.name, 'case.reporter_name'),
        phone: sealer.seal(r.phone, 'case.reporter_phone'),
        hash: sealer.hash(r.phone, 'case.reporter_phone'),
      };
      this.sealed.set(index, s);
    }
    return s;
  }

  /**
   * Gives each case its id and number (`numbers`: fresh sequence numbers, ascending, one per
   * case, in report order) and returns the chunk as JSON, ready for insertHistoryChunk.
   */
  build(batch: PlannedCase[], numbers: readonly number[]): HistoryChunkJson {
    const ids = this.ids;
    const cases: unknown[] = [];
    const events: unknown[] = [];
    const orders: unknown[] = [];
    const attachments: unknown[] = [];
    const city = this.ctx.config.cityCode;
    batch.forEach((p, i) =>
      ids.set(p, { id: uuidV7(p.reportedAt), code: caseCode(city, p.date, numbers[i]!) }),
    );
    for (const p of batch) {
      const { id, code } = ids.get(p)!;
      const r = p.sim.row;
      const contact = p.reporter === null ? null : this.contact(p.reporter);
      const target = p.mergeTarget && r.state === 'merged' ? ids.get(p.mergeTarget) : undefined;
      cases.push({
        id,
        code,
        channel: p.channel,
        state: r.state,
        category_code: p.category.code,
        urgency: p.urgency,
        title: p.description.slice(0, 40),
        description: p.description,
        address: p.address,
        lng: p.lng,
        lat: p.lat,
        grid_code: p.grid.code,
        region_code: p.grid.regionCode,
        reporter_name_sealed: contact && p.reporterName ? contact.name : null,
        reporter_phone_sealed: contact?.phone ?? null,
        reporter_phone_hash: contact?.hash ?? null,
        reporter_user_id: p.submitter.id,
        idempotency_key: `${p.submitter.id ?? p.submitter.name}:demo-${id}`,
        lead_unit_id: r.leadUnitId,
        pending_request: r.pendingRequest,
        pending_request_data: r.pendingRequestData,
        deadline_at: iso(r.deadlineAt),
        suspended_at: iso(r.suspendedAt),
        suspended_ms: r.suspendedMs,
        colour: r.colour,
        merged_into: target?.id ?? null,
        verified: r.verified,
        rework_count: r.reworkCount,
        return_count: r.returnCount,
        reassign_count: r.reassignCount,
        reopen_count: r.reopenCount,
        satisfaction: r.satisfaction,
        published_at: iso(r.publishedAt),
        result: r.result,
        reported_at: iso(p.reportedAt),
        registered_at: iso(r.registeredAt),
        dispatched_at: iso(r.dispatchedAt),
        acknowledged_at: iso(r.acknowledgedAt),
        reported_back_at: iso(r.reportedBackAt),
        closed_at: iso(r.closedAt),
        version: r.version,
        updated_at: iso(r.updatedAt),
      });
      this.states.set(r.state, (this.states.get(r.state) ?? 0) + 1);
      for (const e of p.sim.events) {
        const photoIds: string[] = [];
        for (let k = 0; k < e.photos && this.photos.length; k++) {
          const photo = this.photos[this.photoTurn++ % this.photos.length]!;
          const photoId = uuidV7(e.at);
          photoIds.push(photoId);
          attachments.push({
            id: photoId,
            case_id: id,
            media_type: photo.mediaType,
            size_bytes: photo.sizeBytes,
            sha256: photo.sha256,
            storage_key: photo.storageKey,
            created_at: iso(e.at),
            created_by: e.actor.id,
          });
        }
        events.push({
          case_id: id,
          at: iso(e.at),
          actor_id: e.actor.id,
          actor_name: e.actor.name,
          actor_role: e.actor.role,
          action: e.action,
          from_state: e.from,
          to_state: e.to,
          note: e.note,
          attachments: photoIds,
          data: e.action === 'merge' && target ? { merged_into: target.code } : e.data,
        });
      }
      for (const o of p.sim.orders)
        orders.push({
          case_id: id,
          kind: o.kind,
          level: o.level,
          unit_id: o.unitId,
          issued_at: iso(o.at),
          issued_by: o.issuedBy,
          note: o.note,
        });
    }
    this.counts.cases += cases.length;
    this.counts.events += events.length;
    this.counts.orders += orders.length;
    this.counts.photos += attachments.length;
    return {
      cases: JSON.stringify(cases),
      events: JSON.stringify(events),
      orders: JSON.stringify(orders),
      attachments: JSON.stringify(attachments),
    };
  }
}
