// Photo attachments: metadata here, bytes in the file store (commands/files/file-store.ts).
import { AppError } from '../domain/errors.ts';
import type { Queryable } from './db.ts';

export interface AttachmentRow {
  id: string;
  case_id: string | null;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Date;
  created_by: string | null;
}

export async function insertAttachment(
  q: Queryable,
  a: Omit<AttachmentRow, 'id' | 'case_id'>,
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO attachments (media_type, size_bytes, sha256, storage_key, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [a.media_type, a.size_bytes, a.sha256, a.storage_key, a.created_at, a.created_by],
  );
  return r.rows[0]!.id;
}

export async function findAttachment(q: Queryable, id: string): Promise<AttachmentRow | undefined> {
  return (await q.query<AttachmentRow>('SELECT * FROM attachments WHERE id = $1', [id])).rows[0];
}

/**
 * Binds uploaded photos to a case. Each must exist, be uploaded by the same user (or by no user for
 * outside clients) and be unbound or already bound to this case; otherwise nothing is bound.
 */
export async function attachToCase(
  q: Queryable,
  caseId: string,
  ids: string[],
  userId: string | null,
): Promise<void> {
  if (!ids.length) return;
  const valid = ids.every((id) => /^[0-9a-f-]{36}$/.test(id));
  const r = valid
    ? await q.query(
        `UPDATE attachments SET case_id = $1
         WHERE id = ANY($2::uuid[]) AND (case_id IS NULL OR case_id = $1) AND created_by IS NOT DISTINCT FROM $3`,
        [caseId, ids, userId],
      )
    : { rowCount: 0 };
  if (r.rowCount !== new Set(ids).size) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        {
          field: 'photos',
          zh: '照片不存在、不是您上传的或已用于其他案件',
          en: 'unknown photo, uploaded by someone else, or used by another case',
        },
      ],
    });
  }
}
