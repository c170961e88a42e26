// The Open311 API key `demo`, for trying the API on a demo installation (documented in the README).
// Demo mode only: initializeDatabase calls this inside its `mode === 'demo'` branch, never in
// production, where keys are issued one by one (issueApiKey) and shown once.
import { insertApiKey } from '../../store/api-key-store.ts';
import type { Queryable } from '../../store/db.ts';

export const DEMO_API_KEY = 'demo';

/** Creates the key `demo` (named 'demo') unless it exists; true when it was added. */
export async function seedDemoApiKey(q: Queryable, now: Date = new Date()): Promise<boolean> {
  return insertApiKey(q, { name: 'demo', plain: DEMO_API_KEY, now });
}
