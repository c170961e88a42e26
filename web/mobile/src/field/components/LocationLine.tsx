// Where the report or check-in is made: the device's position (or the embedding app's), snapped to
// its grid by the server (GET /locate) — or, offline, checked against my grids' outlines kept on
// the device — with a warning when it is not one of my grids.
import { useEffect, useState, type ReactNode } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { ApiError } from '../api/client.ts';
import { fieldApi, type Located } from '../api/field-api.ts';
import { useFieldData } from '../data.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { contains } from '../lib/geo.ts';
import type { GeoState, Position } from '../lib/geolocation.ts';
import { Icon } from './icons.tsx';

export type PlaceCheck =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'located'; located: Located; mine: boolean }
  | { kind: 'outside' }
  | { kind: 'offline'; mine: boolean | null };

/** Snaps `pos` to its grid; tells whether it is one of mine. */
export function usePlaceCheck(pos: Position | null): PlaceCheck {
  const { tasks, grids } = useFieldData();
  const [result, setResult] = useState<{ for: Position; check: PlaceCheck } | null>(null);
  const myCodes = tasks.value?.data.grids;
  useEffect(() => {
    if (!pos) return;
    let live = true;
    const mineOf = (code: string) => (myCodes?.length ? myCodes.includes(code) : true);
    const done = (check: PlaceCheck) => live && setResult({ for: pos, check });
    fieldApi.locate(pos.lng, pos.lat, pos.crs).then(
      (located) => done({ kind: 'located', located, mine: mineOf(located.grid.code) }),
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'OUTSIDE_JURISDICTION') {
          done({ kind: 'outside' });
          return;
        }
        // Offline: the outlines kept on the device answer "mine or not" (WGS-84 points only).
        const known = pos.crs === 'wgs84' && grids.length > 0;
        done({
          kind: 'offline',
          mine: known ? grids.some((g) => contains(g.geometry, pos.lng, pos.lat)) : null,
        });
      },
    );
    return () => {
      live = false;
    };
  }, [pos, myCodes, grids]);
  if (!pos) return { kind: 'none' };
  return result?.for === pos ? result.check : { kind: 'checking' };
}

export function LocationLine({ geo, check }: { geo: GeoState; check: PlaceCheck }) {
  const { t } = useI18n();
  const { pos, problem, locating } = geo;
  let main: ReactNode;
  if (locating) {
    main = (
      <>
        <DotLoading /> {t('report.locating')}
      </>
    );
  } else if (problem && !pos) {
    main = <span className="field-field-error">{t(`geo.${problem}`)}</span>;
  } else if (pos) {
    const where =
      check.kind === 'located'
        ? t('report.inGrid', { grid: check.located.grid.name, village: check.located.village.name })
        : `${pos.lng.toFixed(5)}, ${pos.lat.toFixed(5)}`;
    main = (
      <>
        <div data-testid="location-text">
          <Icon name="pin" style={{ color: '#00a870', marginRight: 4 }} />
          {where}
          {pos.accuracy !== null && (
            <span className="field-muted"> · {t('report.accuracy', { m: pos.accuracy })}</span>
          )}
        </div>
        {pos.given && (
          <div className="field-muted">
            {t('report.fromApp', { crs: pos.crs === 'gcj02' ? 'GCJ-02' : 'WGS-84' })}
          </div>
        )}
        {check.kind === 'checking' && <DotLoading />}
        {check.kind === 'located' && !check.mine && (
          <div
            className="field-banner warn"
            style={{ margin: '6px 0 0' }}
            data-testid="location-outside-mine"
          >
            {t('report.outsideMine', { grid: check.located.grid.name })}
          </div>
        )}
        {check.kind === 'outside' && (
          <div className="field-field-error" data-testid="location-outside">
            {t('report.outside')}
          </div>
        )}
        {check.kind === 'offline' && (
          <div
            className={check.mine === false ? 'field-banner warn' : 'field-muted'}
            style={{ margin: '4px 0 0' }}
          >
            {check.mine === true
              ? t('report.inMineOffline')
              : check.mine === false
                ? t('report.outsideMineOffline')
                : t('report.offlineLocate')}
          </div>
        )}
      </>
    );
  }
  return (
    <div className="field-location">
      <div className="text">{main}</div>
      {!pos?.given && (
        <Button size="small" onClick={geo.locate} disabled={locating} data-testid="relocate">
          {t('report.relocate')}
        </Button>
      )}
    </div>
  );
}
