// The device's position (browser geolocation is WGS-84), or a point handed over by an embedding
// app in the URL (?lng=&lat=&crs=gcj02 — Amap/Tencent-based apps give GCJ-02).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Crs } from '../api/field-api.ts';

export interface Position {
  lng: number;
  lat: number;
  crs: Crs;
  accuracy: number | null;
  /** Given by the embedding app rather than measured here. */
  given: boolean;
}

export type GeoProblem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export interface GeoState {
  pos: Position | null;
  problem: GeoProblem | null;
  locating: boolean;
  locate: () => void;
}

/** A point from the URL, if an embedding app gave one. */
export function givenPosition(query: URLSearchParams): Position | null {
  const lng = Number(query.get('lng'));
  const lat = Number(query.get('lat'));
  if (!query.get('lng') || !query.get('lat') || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return null;
  const c = (query.get('crs') ?? 'wgs84').toLowerCase();
  const crs: Crs = c === 'gcj02' || c === 'amap' || c === 'tencent' ? 'gcj02' : 'wgs84';
  return { lng, lat, crs, accuracy: null, given: true };
}

export function currentPosition(timeoutMs = 15_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lng: Math.round(p.coords.longitude * 1e7) / 1e7,
          lat: Math.round(p.coords.latitude * 1e7) / 1e7,
          crs: 'wgs84',
          accuracy: Number.isFinite(p.coords.accuracy) ? Math.round(p.coords.accuracy) : null,
          given: false,
        }),
      (e) => reject(new Error(e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 10_000 },
    );
  });
}

export function problemOf(e: unknown): GeoProblem {
  const m = e instanceof Error ? e.message : '';
  return m === 'denied' || m === 'timeout' || m === 'unsupported' ? m : 'unavailable';
}

/** The position to report from: the embedding app's (from `search`), else the device's. */
export function useGeolocation(search: string): GeoState {
  const given = useMemo(() => givenPosition(new URLSearchParams(search)), [search]);
  const [pos, setPos] = useState<Position | null>(given);
  const [problem, setProblem] = useState<GeoProblem | null>(null);
  const [locating, setLocating] = useState(!given);
  const locate = useCallback(() => {
    setLocating(true);
    setProblem(null);
    currentPosition().then(
      (p) => {
        setPos(p);
        setLocating(false);
      },
      (e: unknown) => {
        setProblem(problemOf(e));
        setLocating(false);
      },
    );
  }, []);
  useEffect(() => {
    if (given) return;
    let live = true;
    currentPosition().then(
      (p) => {
        if (!live) return;
        setPos(p);
        setLocating(false);
      },
      (e: unknown) => {
        if (!live) return;
        setProblem(problemOf(e));
        setLocating(false);
      },
    );
    return () => {
      live = false;
    };
  }, [given]);
  return { pos, problem, locating, locate };
}
