// 巡查: a patrol with its track. Started on the server (after consent; the start key is kept first,
// so a retry after a lost answer gets the same patrol), then the device follows the position
// (watchPosition, plus a poll for browsers that only report on request) and keeps the points on
// the device, uploading them in batches (resent points are ignored by the server) — so the
// track survives a dead zone or a reload; ending uploads what is left, then ends the patrol.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { fieldApi, type Patrol } from '../api/field-api.ts';
import { distanceM } from './geo.ts';
import { currentPosition } from './geolocation.ts';
import { uuid } from './ids.ts';

export interface TrackPoint {
  at: string;
  lng: number;
  lat: number;
  accuracy?: number;
}

export interface PatrolState {
  id: string;
  startedAt: string;
  points: TrackPoint[];
  /** How many of `points` the server has. */
  sent: number;
  /** Points and metres the server already had when this device picked the patrol up (resumed). */
  base?: { points: number; distanceM: number };
}

const key = (userId: string) => `wangge.field.patrol.${userId}`;
const startKey = (userId: string) => `wangge.field.patrol-start.${userId}`;
const CONSENT = (userId: string) => `wangge.field.patrol-consent.${userId}`;

function load(userId: string): PatrolState | null {
  try {
    const v = localStorage.getItem(key(userId));
    return v ? (JSON.parse(v) as PatrolState) : null;
  } catch {
    return null;
  }
}
function store(userId: string, s: PatrolState | null) {
  try {
    if (s) localStorage.setItem(key(userId), JSON.stringify(s));
    else localStorage.removeItem(key(userId));
  } catch {
    // kept in memory only
  }
}

export function hasConsented(userId: string): boolean {
  try {
    return localStorage.getItem(CONSENT(userId)) !== null;
  } catch {
    return false;
  }
}

/** Points of the patrol so far, counting those the server had when the device resumed it. */
export function pointCount(s: PatrolState): number {
  return (s.base?.points ?? 0) + s.points.length;
}

/** Metres walked so far (for a resumed patrol, the server's figure plus this device's track). */
export function patrolDistance(s: PatrolState): number {
  return (s.base?.distanceM ?? 0) + trackLength(s.points);
}

export function trackLength(points: TrackPoint[]): number {
  let d = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    d += distanceM([a.lng, a.lat], [b.lng, b.lat]);
  }
  return d;
}

/** A new point is kept when the worker has moved 5 m, or every minute when standing still. */
function worthKeeping(last: TrackPoint | undefined, p: TrackPoint): boolean {
  if (!last) return true;
  return (
    distanceM([last.lng, last.lat], [p.lng, p.lat]) >= 5 || Date.parse(p.at) - Date.parse(last.at) >= 60_000
  );
}

export interface PatrolHook {
  state: PatrolState | null;
  ended: Patrol | null;
  busy: boolean;
  error: unknown;
  start: () => Promise<void>;
  end: () => Promise<void>;
}

export function usePatrol(userId: string): PatrolHook {
  const [state, setState] = useState<PatrolState | null>(() => load(userId));
  const [ended, setEnded] = useState<Patrol | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef(state);
  const uploading = useRef<Promise<void> | null>(null);

  const update = useCallback(
    (s: PatrolState | null) => {
      ref.current = s;
      store(userId, s);
      setState(s);
    },
    [userId],
  );

  /** Uploads the points the server does not have yet. Throws when it could not. */
  const upload = useCallback(async () => {
    if (uploading.current) return uploading.current;
    const run = async () => {
      for (;;) {
        const s = ref.current;
        if (!s || s.sent >= s.points.length) return;
        const batch = s.points.slice(s.sent, s.sent + 500);
        try {
          await fieldApi.patrolPoints(s.id, batch);
          const now = ref.current;
          if (now && now.id === s.id) update({ ...now, sent: s.sent + batch.length });
        } catch (e) {
          // Points the server will never take (a wrong clock): drop them rather than block the track.
          if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
            const bad = new Set(
              e.issues
                .map((i) => /points\[(\d+)\]/.exec(i.field)?.[1])
                .filter((x) => x !== undefined)
                .map(Number),
            );
            const now = ref.current;
            if (!now || now.id !== s.id || bad.size === 0) throw e;
            const kept = now.points.filter((_, i) => i < s.sent || !bad.has(i - s.sent));
            update({ ...now, points: kept });
            continue;
          }
          throw e;
        }
      }
    };
    uploading.current = run().finally(() => {
      uploading.current = null;
    });
    return uploading.current;
  }, [update]);

  const addPoint = useCallback(
    (p: TrackPoint) => {
      const s = ref.current;
      if (!s || !worthKeeping(s.points[s.points.length - 1], p)) return;
      update({ ...s, points: [...s.points, p] });
      if (s.points.length + 1 - s.sent >= 3) upload().catch(() => undefined);
    },
    [update, upload],
  );

  // While a patrol runs: follow the position, poll as a fallback, upload every 30 s and when back online.
  const running = state?.id ?? null;
  useEffect(() => {
    if (!running || !('geolocation' in navigator)) return;
    const take = (pos: GeolocationPosition) =>
      addPoint({
        at: new Date().toISOString(),
        lng: Math.round(pos.coords.longitude * 1e7) / 1e7,
        lat: Math.round(pos.coords.latitude * 1e7) / 1e7,
        ...(Number.isFinite(pos.coords.accuracy) ? { accuracy: Math.round(pos.coords.accuracy) } : {}),
      });
    const watch = navigator.geolocation.watchPosition(take, () => undefined, {
      enableHighAccuracy: true,
      maximumAge: 0,
    });
    const poll = setInterval(
      () =>
        navigator.geolocation.getCurrentPosition(take, () => undefined, {
          enableHighAccuracy: true,
          maximumAge: 0,
        }),
      15_000,
    );
    const send = setInterval(() => upload().catch(() => undefined), 30_000);
    const online = () => void upload().catch(() => undefined);
    window.addEventListener('online', online);
    upload().catch(() => undefined);
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearInterval(poll);
      clearInterval(send);
      window.removeEventListener('online', online);
    };
  }, [running, addPoint, upload]);

  // The server is the record: a device that lost its state (cleared, reinstalled, another phone)
  // picks up the worker's open patrol; one ended elsewhere is dropped here.
  useEffect(() => {
    let live = true;
    const asked = ref.current;
    fieldApi
      .openPatrol()
      .then((r) => {
        // Ignore the answer when the device started or ended a patrol meanwhile.
        if (!live || ref.current !== asked) return;
        const local = ref.current;
        const open = r.patrol;
        if (open && local?.id !== open.id)
          update({
            id: open.id,
            startedAt: open.started_at,
            points: [],
            sent: 0,
            base: { points: open.points, distanceM: open.distance_m },
          });
        else if (!open && local) update(null);
      })
      .catch(() => undefined); // offline: keep what the device has
    return () => {
      live = false;
    };
  }, [update]);

  const start = useCallback(async () => {
    setBusy(true);
    setError(null);
    setEnded(null);
    try {
      const pos = await currentPosition();
      let k = localStorage.getItem(startKey(userId));
      if (!k) {
        k = `patrol-${uuid()}`;
        localStorage.setItem(startKey(userId), k);
      }
      const r = await fieldApi.startPatrol(pos.lng, pos.lat, k);
      localStorage.setItem(CONSENT(userId), new Date().toISOString());
      localStorage.removeItem(startKey(userId));
      const first: TrackPoint = {
        at: new Date().toISOString(),
        lng: pos.lng,
        lat: pos.lat,
        ...(pos.accuracy !== null ? { accuracy: pos.accuracy } : {}),
      };
      update({ id: r.patrol.id, startedAt: r.patrol.started_at, points: [first], sent: 0 });
      await upload().catch(() => undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [update, upload, userId]);

  const end = useCallback(async () => {
    const s = ref.current;
    if (!s) return;
    setBusy(true);
    setError(null);
    try {
      await upload();
      const r = await fieldApi.endPatrol(s.id);
      update(null);
      setEnded(r.patrol);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [update, upload]);

  return { state, ended, busy, error, start, end };
}
