// Picking the report's point on a map (loaded lazily with MapLibre): no basemap, the city's
// counties, then the townships and communities around the centre as the resident zooms in; a
// cross marks the centre and the bar below names the community under it. WGS-84 (the outlines'
// system). Without WebGL the picker says so and points to the other ways of giving a location.
import { Button } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { createBlankMap, loadOutlines, progressiveOutlines, type LngLat } from '../lib/map.ts';
import { ErrorNotice } from './error-notice.tsx';
import { Loading } from './page-frame.tsx';
import { LocalError } from '../api/explain.ts';

export default function MapPicker({
  initial,
  onPick,
  onCancel,
}: {
  initial: LngLat | null;
  onPick: (p: LngLat) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [under, setUnder] = useState<string[] | null>(null);
  const [centre, setCentre] = useState<LngLat | null>(initial);
  const [start] = useState(initial); // the map is made once, where the picker opened

  useEffect(() => {
    let live = true;
    let remove: (() => void) | undefined;
    const el = box.current;
    if (!el) return;
    (async () => {
      const city = await loadOutlines();
      const view = start ? { center: start, zoom: 15 } : city.parent.bbox ? { bounds: city.parent.bbox } : {};
      const { map } = await createBlankMap(el, 'picker', view);
      if (!live) return map.remove();
      remove = () => map.remove();
      await progressiveOutlines(map, (names, centre) => {
        if (!live) return;
        setUnder(names);
        setCentre(centre);
      });
      if (live) setReady(true);
    })().catch((e: unknown) => {
      if (!live) return;
      setError(
        e instanceof Error && e.message === 'webgl'
          ? new LocalError('map.noWebgl.title', 'map.noWebgl.hint')
          : e,
      );
    });
    return () => {
      live = false;
      remove?.();
    };
  }, [start]);

  const outside = under !== null && under.length === 0;
  return (
    <div className="pt-picker" data-testid="map-picker">
      <div className="pt-picker-map" ref={box} data-ready={ready ? 'true' : 'false'}>
        {!ready && !error && <Loading label={t('map.loading')} />}
        <div className="pt-crosshair" aria-hidden="true" />
      </div>
      <ErrorNotice error={error} />
      <div className="pt-picker-bar" aria-live="polite">
        {outside ? t('map.outside') : under ? under.join(' · ') : t('map.moveHint')}
      </div>
      <div className="pt-help">{t('map.pickHelp')}</div>
      <div className="pt-actions">
        <Button onClick={onCancel} block>
          {t('common.cancel')}
        </Button>
        <Button
          color="primary"
          block
          disabled={!ready || !centre || outside}
          onClick={() => {
            if (centre) onPick(centre);
          }}
          data-testid="map-picker-confirm"
        >
          {t('map.usePoint')}
        </Button>
      </div>
    </div>
  );
}
