// Issuing and revoking Open311 API keys (for a CLI or admin route to call). A key is 32 random
// bytes in base64url, returned once; only its SHA-256 is stored.
import { randomBytes } from 'node:crypto';
import { AppError, invalid } from '../../domain/errors.ts';
import { insertApiKey, setApiKeyActive } from '../../store/api-key-store.ts';
import type { AppContext } from '../context.ts';

/** A new key for the client `name` (2–64 of a-z 0-9 _ . -); the plain key is in the result only. */
export async function issueApiKey(ctx: AppContext, name: string): Promise<{ name: string; key: string }> {
  if (!/^[a-z0-9_.-]{2,64}$/.test(name))
    throw invalid('name', '应为 2–64 位小写字母、数字或 _.-', 'must be 2–64 of a-z, 0-9, _ . -');
  const key = randomBytes(32).toString('base64url');
  if (!(await insertApiKey(ctx.db, { name, plain: key, now: ctx.clock.now() })))
    throw new AppError('CONFLICT', {
      issues: [{ field: 'name', zh: '该名称已有密钥', en: 'a key with this name exists' }],
    });
  return { name, key };
}

/** Revokes the key of client `name`: its POSTs are refused from now on (403). */
export async function revokeApiKey(ctx: AppContext, name: string): Promise<void> {
  if (!(await setApiKeyActive(ctx.db, name, false)))
    throw new AppError('NOT_FOUND', {
      issues: [{ field: 'name', zh: '没有该名称的密钥', en: 'no key with this name' }],
    });
}
