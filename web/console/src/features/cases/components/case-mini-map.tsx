// The case's grid on a small map (no basemap): the grid polygon from GET /grids/:code and the
// reported point. Optional: when the grid cannot be read or the map cannot draw, the location
// is given as text instead.
import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type * as MapLibre from 'maplibre-gl';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { refApi } from '../cases-api.ts';
import { addArea, addPoint, boxOf, createBlankMap } from './blank-map.ts';

export function CaseMiniMap(props: { gridCode: string; lng: number; lat: number; place: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const { gridCode, lng, lat } = props;
  useEffect(() => {
    let live = true;
    let map: MapLibre.Map | undefined;
    const ac = new AbortController();
    refApi
      .grid(gridCode, ac.signal)
      .then(async (grid) => {
        const el = ref.current;
        if (!live || !el) return;
        const bounds = boxOf([grid.geometry], [[lng, lat]]) ?? undefined;
        const made = await createBlankMap(el, { ...(bounds ? { bounds } : {}), interactive: true });
        map = made.map;
        if (!live) {
          map.remove();
          return;
        }
        addArea(map, 'grid', grid, { fill: '#1677ff', fillOpacity: 0.12, line: '#1677ff', lineWidth: 2 });
        addPoint(map, 'case-point', [lng, lat]);
      })
      .catch((e: unknown) => {
        if (live && !(e instanceof DOMException && e.name === 'AbortError')) setFailed(true);
      });
    return () => {
      live = false;
      ac.abort();
      map?.remove();
    };
  }, [gridCode, lng, lat]);
  if (failed) {
    return (
      <Typography.Text type="secondary" data-testid="case-map-fallback">
        {t('case.detail.mapUnavailable', { place: props.place })}
      </Typography.Text>
    );
  }
  return (
    <div
      ref={ref}
      data-testid="case-map"
      style={{ height: 220, borderRadius: 6, overflow: 'hidden', border: '1px solid #f0f0f0' }}
    />
  );
}
