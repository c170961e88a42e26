// The device's storage for the field app, in raw IndexedDB: `queue` (what waits to be sent, with
// its photos as Blobs) and `cache` (the last answers of the reads, for working offline).
const DB_NAME = 'wangge-field';
const VERSION = 1;
export const QUEUE = 'queue';
export const CACHE = 'cache';

let opening: Promise<IDBDatabase> | null = null;

export function openDb(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(CACHE)) db.createObjectStore(CACHE, { keyPath: 'key' });
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading: let it, and open again next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => {
        opening = null;
        reject(req.error ?? new Error('IndexedDB unavailable'));
      };
      req.onblocked = () => undefined;
    });
  }
  return opening;
}

/** Runs `fn` in one transaction and resolves when it has committed. */
async function inTx<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const db = await openDb();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    let result: T | undefined;
    if (req) req.onsuccess = () => (result = req.result);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function idbGet<T>(store: string, key: string): Promise<T | undefined> {
  return (await inTx<T>(store, 'readonly', (s) => s.get(key) as IDBRequest<T>)) ?? undefined;
}

export async function idbAll<T>(store: string): Promise<T[]> {
  return (await inTx<T[]>(store, 'readonly', (s) => s.getAll() as IDBRequest<T[]>)) ?? [];
}

export async function idbPut<T>(store: string, value: T): Promise<void> {
  await inTx(store, 'readwrite', (s) => s.put(value));
}

export async function idbDelete(store: string, key: string): Promise<void> {
  await inTx(store, 'readwrite', (s) => s.delete(key));
}
