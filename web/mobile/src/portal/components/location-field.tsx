// Where the problem is: from the phone (browser geolocation, WGS-84), from an embedding app that
// passes its own point in the link (?lng=&lat=&crs=gcj02 — Amap/WeChat give GCJ-02), or picked on a
// map (lazy). The server snaps the point to its grid and says when it is outside the city.
import { Button, Popup } from 'antd-mobile';
import { lazy, Suspense, useState } from 'react';
import { LocalError } from '../api/explain.ts';
import type { Crs } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { Loading } from './page-frame.tsx';

const MapPicker = lazy(() => import('./map-picker.tsx'));

export interface Located {
  lng: number;
  lat: number;
  crs: Crs;
  source: 'device' | 'app' | 'map';
  accuracy?: number;
}

const CRS: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];

/** A point passed in the link; an error when the parameters are there but malformed. */
export function locationFromUrl(search: string): { located?: Located; error?: LocalError } {
  const q = new URLSearchParams(search);
  const lngS = q.get('lng');
  const latS = q.get('lat');
  if (lngS === null && latS === null) return {};
  const lng = Number(lngS);
  const lat = Number(latS);
  const crs = (q.get('crs') ?? 'gcj02').toLowerCase() as Crs;
  const ok =
    lngS !== null &&
    latS !== null &&
    lngS.trim() !== '' &&
    latS.trim() !== '' &&
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    Math.abs(lng) <= 180 &&
    Math.abs(lat) <= 90 &&
    CRS.includes(crs);
  if (!ok) return { error: new LocalError('location.badUrl.title', 'location.badUrl.hint') };
  return { located: { lng, lat, crs, source: 'app' } };
}

function geolocate(): Promise<Located> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new LocalError('location.unsupported.title', 'location.unsupported.hint'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lng: p.coords.longitude,
          lat: p.coords.latitude,
          crs: 'wgs84',
          source: 'device',
          accuracy: p.coords.accuracy,
        }),
      (e) =>
        reject(
          e.code === e.PERMISSION_DENIED
            ? new LocalError('location.denied.title', 'location.denied.hint')
            : e.code === e.TIMEOUT
              ? new LocalError('location.timeout.title', 'location.timeout.hint')
              : new LocalError('location.failed.title', 'location.failed.hint'),
        ),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

export function LocationField({
  value,
  onChange,
  urlError,
  fieldError,
}: {
  value: Located | null;
  onChange: (v: Located | null) => void;
  urlError?: unknown;
  fieldError?: string | undefined;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(urlError ?? null);
  const [picking, setPicking] = useState(false);

  const locate = async () => {
    setBusy(true);
    setError(null);
    try {
      onChange(await geolocate());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const sourceText = value
    ? value.source === 'device'
      ? value.accuracy
        ? t('location.fromDeviceAcc', { m: Math.round(value.accuracy) })
        : t('location.fromDevice')
      : value.source === 'app'
        ? t('location.fromApp')
        : t('location.fromMap')
    : null;

  return (
    <div className="pt-location">
      <div className="pt-location-status" data-testid="location-status" data-set={value ? 'yes' : 'no'}>
        {value ? (
          <>
            <span className="pt-ok-dot" aria-hidden="true" />
            <span>
              {sourceText}
              <span className="pt-coords">
                {value.lng.toFixed(5)}, {value.lat.toFixed(5)}
              </span>
            </span>
          </>
        ) : (
          <span className="pt-placeholder">{t('location.none')}</span>
        )}
      </div>
      <div className="pt-actions">
        <Button onClick={() => void locate()} loading={busy} block data-testid="locate-me">
          {t('location.useDevice')}
        </Button>
        <Button onClick={() => setPicking(true)} block data-testid="pick-on-map">
          {t('location.pickOnMap')}
        </Button>
      </div>
      {fieldError && <span className="pt-field-error">{fieldError}</span>}
      <ErrorNotice error={error} testId="location-error" />
      <Popup
        visible={picking}
        onMaskClick={() => setPicking(false)}
        bodyClassName="pt-sheet pt-sheet-tall"
        destroyOnClose
      >
        <div className="pt-sheet-head">
          <strong>{t('location.pickOnMap')}</strong>
        </div>
        {picking && (
          <Suspense fallback={<Loading label={t('map.loading')} />}>
            <MapPicker
              initial={value && value.crs === 'wgs84' ? [value.lng, value.lat] : null}
              onCancel={() => setPicking(false)}
              onPick={([lng, lat]) => {
                onChange({ lng, lat, crs: 'wgs84', source: 'map' });
                setError(null);
                setPicking(false);
              }}
            />
          </Suspense>
        )}
      </Popup>
    </div>
  );
}
