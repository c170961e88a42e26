// The results map (lazy: MapLibre is loaded only here and in the point picker): each published
// result at the centre of its grid, results of one grid as one dot sized by their number, on a
// plain background with the outlines of the area (no basemap). Tapping a dot lists its results
// below. Without WebGL: a light SVG scatter of the same dots.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PublishedResult } from '../api/portal-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  createBlankMap,
  loadOutlines,
  progressiveOutlines,
  setData,
  webglAvailable,
  type Box,
} from '../lib/map.ts';
import { ResultCard } from './result-card.tsx';
import { Loading } from './page-frame.tsx';

interface Spot {
  key: string;
  lng: number;
  lat: number;
  items: PublishedResult[];
}

function spotsOf(items: PublishedResult[]): Spot[] {
  const m = new Map<string, Spot>();
  for (const r of items) {
    if (r.lng === null || r.lat === null) continue;
    const key = `${r.lng},${r.lat}`;
    let s = m.get(key);
    if (!s) m.set(key, (s = { key, lng: r.lng, lat: r.lat, items: [] }));
    s.items.push(r);
  }
  return [...m.values()];
}

function boxOf(spots: Spot[]): Box | null {
  if (!spots.length) return null;
  const xs = spots.map((s) => s.lng);
  const ys = spots.map((s) => s.lat);
  const pad = 0.01;
  return [Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) + pad, Math.max(...ys) + pad];
}

export default function ResultsMap({
  items,
  region,
}: {
  items: PublishedResult[];
  region?: string | undefined;
}) {
  const { t } = useI18n();
  const spots = useMemo(() => spotsOf(items), [items]);
  const [selected, setSelected] = useState<string | null>(null);
  const [webgl] = useState(webglAvailable);
  const chosen = spots.find((s) => s.key === selected);
  return (
    <div className="pt-results-map" data-testid="results-map">
      {webgl ? (
        <GlMap spots={spots} region={region} onSelect={setSelected} />
      ) : (
        <SvgScatter spots={spots} selected={selected} onSelect={setSelected} />
      )}
      <p className="pt-help">{t('results.mapHelp', { n: spots.length })}</p>
      {chosen && (
        <ul className="pt-feed" data-testid="results-map-selected">
          {chosen.items.map((r) => (
            <ResultCard key={r.code} r={r} />
          ))}
        </ul>
      )}
    </div>
  );
}

function GlMap({
  spots,
  region,
  onSelect,
}: {
  spots: Spot[];
  region: string | undefined;
  onSelect: (k: string | null) => void;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const spotsRef = useRef(spots);
  const selectRef = useRef(onSelect);
  useEffect(() => {
    spotsRef.current = spots;
    selectRef.current = onSelect;
  });

  useEffect(() => {
    let live = true;
    let remove: (() => void) | undefined;
    const el = box.current;
    if (!el) return;
    (async () => {
      // The region asked for (or the city) frames the map when there are no dots yet.
      const area = await loadOutlines(region && region.endsWith('000') ? region : undefined).catch(() =>
        loadOutlines(),
      );
      const bounds = boxOf(spotsRef.current) ?? area.parent.bbox ?? undefined;
      const { map } = await createBlankMap(el, 'results', bounds ? { bounds } : {});
      if (!live) return map.remove();
      remove = () => map.remove();
      await progressiveOutlines(map);
      if (!live) return;
      map.addSource('spots', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } as never });
      map.addLayer({
        id: 'spots',
        type: 'circle',
        source: 'spots',
        paint: {
          'circle-color': '#00b578',
          'circle-opacity': 0.85,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 2,
          'circle-radius': ['min', 22, ['+', 9, ['*', 3, ['get', 'n']]]],
        },
      });
      const draw = () =>
        setData(map, 'spots', {
          type: 'FeatureCollection',
          features: spotsRef.current.map((s) => ({
            type: 'Feature',
            properties: { key: s.key, n: s.items.length },
            geometry: { type: 'Point', coordinates: [s.lng, s.lat] },
          })),
        });
      draw();
      map.on('click', (e) => {
        // A finger is wide: anything within 16 px of the tap counts.
        const hit = map.queryRenderedFeatures(
          [
            [e.point.x - 16, e.point.y - 16],
            [e.point.x + 16, e.point.y + 16],
          ],
          { layers: ['spots'] },
        )[0];
        selectRef.current(hit ? String(hit.properties.key) : null);
      });
      map.on('mouseenter', 'spots', () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', 'spots', () => (map.getCanvas().style.cursor = ''));
      setReady(true);
    })().catch(() => live && setFailed(true));
    return () => {
      live = false;
      remove?.();
    };
  }, [region]);

  if (failed) return <SvgScatter spots={spots} selected={null} onSelect={onSelect} />;
  return (
    <div className="pt-map" ref={box} data-testid="results-map-canvas" data-ready={ready ? 'true' : 'false'}>
      {!ready && <Loading label={t('map.loading')} />}
    </div>
  );
}

function SvgScatter({
  spots,
  selected,
  onSelect,
}: {
  spots: Spot[];
  selected: string | null;
  onSelect: (k: string | null) => void;
}) {
  const { t } = useI18n();
  const b = boxOf(spots) ?? [0, 0, 1, 1];
  const W = 320;
  const H = 240;
  const k = Math.min(W / (b[2] - b[0]), H / (b[3] - b[1]));
  return (
    <svg
      className="pt-map pt-scatter"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('results.map')}
      data-testid="results-scatter"
    >
      <rect width={W} height={H} fill="#f3f1ec" />
      {spots.map((s) => (
        <circle
          key={s.key}
          cx={(s.lng - b[0]) * k + (W - (b[2] - b[0]) * k) / 2}
          cy={H - ((s.lat - b[1]) * k + (H - (b[3] - b[1]) * k) / 2)}
          r={Math.min(18, 7 + 2 * s.items.length)}
          fill={s.key === selected ? '#1677ff' : '#00b578'}
          stroke="#fff"
          strokeWidth={2}
          onClick={() => onSelect(s.key)}
        />
      ))}
    </svg>
  );
}
