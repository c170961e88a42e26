// What the portal keeps in the browser: the resident's own reports (tracking codes and tokens, so
// they can follow them without an account), their bookings, and the idempotency key of the report
// being written (sessionStorage: a retry after a network error sends the same key, so the server
// never makes a second case). Storage may be blocked (private mode): everything degrades to memory.

export interface MyReport {
  code: string;
  token: string;
  at: string;
  summary: string;
}

export interface MyBooking {
  code: string;
  service: string;
  place: string;
  starts_at: string;
  ends_at: string;
}

const REPORTS = 'wangge.portal.reports';
const BOOKINGS = 'wangge.portal.bookings';
const DRAFT_KEY = 'wangge.portal.draftKey';

function readList<X>(key: string): X[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? (v as X[]) : [];
  } catch {
    return [];
  }
}
function writeList<X>(key: string, list: X[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(list.slice(0, 50)));
  } catch {
    /* storage full or blocked */
  }
}

export const myReports = {
  list: () => readList<MyReport>(REPORTS),
  add(r: MyReport) {
    writeList(REPORTS, [r, ...readList<MyReport>(REPORTS).filter((x) => x.code !== r.code)]);
  },
  remove(code: string) {
    writeList(
      REPORTS,
      readList<MyReport>(REPORTS).filter((x) => x.code !== code),
    );
  },
};

export const myBookings = {
  list: () => readList<MyBooking>(BOOKINGS),
  add(b: MyBooking) {
    writeList(BOOKINGS, [b, ...readList<MyBooking>(BOOKINGS).filter((x) => x.code !== b.code)]);
  },
};

let memoryKey: string | null = null;

function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older browsers (and plain-http LAN demos, where randomUUID is missing): 128 random bits.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** The idempotency key of the report being written: the same until it is sent successfully. */
export const draftKey = {
  get(): string {
    try {
      let k = sessionStorage.getItem(DRAFT_KEY);
      if (!k) {
        k = newKey();
        sessionStorage.setItem(DRAFT_KEY, k);
      }
      return k;
    } catch {
      memoryKey ??= newKey();
      return memoryKey;
    }
  },
  /** After a report was accepted: the next one gets a new key. */
  reset(): void {
    memoryKey = null;
    try {
      sessionStorage.removeItem(DRAFT_KEY);
    } catch {
      /* memory only */
    }
  },
};
