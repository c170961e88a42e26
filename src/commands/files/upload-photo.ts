// Uploads one photo (JPEG, PNG or WebP, checked by its magic bytes, at most the configured size)
// and records it; the id is then given with an intake or an action. Content-addressed storage.
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import { insertAttachment } from '../../store/attachment-store.ts';
import type { AppContext } from '../context.ts';

const SIGNATURES: {
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  ext: string;
  test: (b: Buffer) => boolean;
}[] = [
  { type: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    ext: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export async function uploadPhoto(
  ctx: AppContext,
  userId: string | null,
  bytes: Buffer,
): Promise<{ id: string; media_type: string; size_bytes: number }> {
  const max = ctx.config.maxPhotoBytes;
  if (bytes.length === 0)
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ field: 'body', zh: '照片为空', en: 'the photo is empty' }],
    });
  if (bytes.length > max) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      issues: [
        {
          field: 'body',
          zh: `照片不能超过 ${Math.round(max / 1048576)} MB`,
          en: `a photo may be at most ${Math.round(max / 1048576)} MB`,
        },
      ],
    });
  }
  const sig = SIGNATURES.find((s) => s.test(bytes));
  if (!sig) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [
        {
          field: 'body',
          zh: '只接受 JPEG、PNG 或 WebP 照片',
          en: 'only JPEG, PNG or WebP photos are accepted',
        },
      ],
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = `${sha256.slice(0, 2)}/${sha256}.${sig.ext}`;
  await ctx.files.put(key, bytes);
  const id = await insertAttachment(ctx.db, {
    media_type: sig.type,
    size_bytes: bytes.length,
    sha256,
    storage_key: key,
    created_at: ctx.clock.now(),
    created_by: userId,
  });
  return { id, media_type: sig.type, size_bytes: bytes.length };
}
