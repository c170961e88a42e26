// My grids on a map without a basemap: a lightweight SVG of the grid polygons (equirectangular,
// scaled by cos(latitude)), the open cases and tasks in them as dots, my position and a patrol
// track. Chosen over MapLibre for the phone: no WebGL (works in any browser, headless too), a few
// kB instead of ~200 kB, and it draws offline from the outlines kept on the device.
import { useMemo, useState } from 'react';
import type { GridFeature } from '../api/field-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { bboxOf, polygons } from '../lib/geo.ts';

export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
  kind: 'case' | 'task' | 'me';
  label?: string;
}

const COLOURS: Record<MapPoint['kind'], string> = { case: '#1677ff', task: '#fa541c', me: '#13c2c2' };
const SCALE = 1e5;

export function GridMap({
  grids,
  points = [],
  track = [],
  onOpen,
  testId = 'grid-map',
}: {
  grids: GridFeature[];
  points?: MapPoint[];
  track?: [number, number][];
  onOpen?: (id: string) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<MapPoint | null>(null);
  const view = useMemo(() => {
    const inside = points.map((p) => [p.lng, p.lat] as [number, number]);
    const box = bboxOf(
      grids.map((g) => g.geometry),
      grids.length ? [] : inside.concat(track),
    );
    if (!box) return null;
    const k = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
    const px = (lng: number) => (lng - box[0]) * k * SCALE;
    const py = (lat: number) => (box[3] - lat) * SCALE;
    const w = Math.max(px(box[2]), 50);
    const h = Math.max(py(box[1]), 50);
    const pad = Math.max(w, h) * 0.06;
    const size = Math.max(w, h);
    const path = (g: GridFeature) =>
      polygons(g.geometry)
        .map((poly) =>
          poly
            .map(
              (ring) =>
                'M' + ring.map(([x, y]) => `${px(x!).toFixed(1)},${py(y!).toFixed(1)}`).join('L') + 'Z',
            )
            .join(''),
        )
        .join('');
    const labelAt = (g: GridFeature): [number, number] => {
      const b = bboxOf([g.geometry])!;
      return [px((b[0] + b[2]) / 2), py((b[1] + b[3]) / 2)];
    };
    return { px, py, w, h, pad, size, path, labelAt };
  }, [grids, points, track]);

  if (!view) {
    return <div className="field-hint">{t('home.mapEmpty')}</div>;
  }
  const r = view.size * 0.018;
  const font = view.size * 0.045;
  return (
    <>
      <svg
        className="field-map"
        data-testid={testId}
        viewBox={`${-view.pad} ${-view.pad} ${view.w + 2 * view.pad} ${view.h + 2 * view.pad}`}
        preserveAspectRatio="xMidYMid meet"
        role="img"
        aria-label={t('home.map')}
        onClick={() => setPicked(null)}
      >
        {grids.map((g) => (
          <path
            key={g.id}
            d={view.path(g)}
            fill="#b7eb8f"
            fillOpacity={0.45}
            stroke="#389e0d"
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
            fillRule="evenodd"
          />
        ))}
        {grids.map((g) => {
          const [x, y] = view.labelAt(g);
          return (
            <text
              key={`l${g.id}`}
              x={x}
              y={y}
              fontSize={font}
              textAnchor="middle"
              fill="#135200"
              stroke="#fff"
              strokeWidth={font * 0.2}
              paintOrder="stroke"
              style={{ pointerEvents: 'none' }}
            >
              {g.properties.name}
            </text>
          );
        })}
        {track.length > 1 && (
          <polyline
            points={track.map(([x, y]) => `${view.px(x).toFixed(1)},${view.py(y).toFixed(1)}`).join(' ')}
            fill="none"
            stroke="#13c2c2"
            strokeWidth={3}
            strokeDasharray="6 4"
            vectorEffect="non-scaling-stroke"
          />
        )}
        {points.map((p) => (
          <g
            key={`${p.kind}${p.id}`}
            data-testid={`map-point-${p.kind}`}
            onClick={(e) => {
              e.stopPropagation();
              if (p.label) setPicked(p);
            }}
            style={{ cursor: p.label ? 'pointer' : 'default' }}
          >
            <circle cx={view.px(p.lng)} cy={view.py(p.lat)} r={r * 2.6} fill="transparent" />
            <circle
              cx={view.px(p.lng)}
              cy={view.py(p.lat)}
              r={p.kind === 'me' ? r * 1.2 : r}
              fill={COLOURS[p.kind]}
              stroke="#fff"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
          </g>
        ))}
      </svg>
      <div className="field-map-legend">
        <span>
          <i style={{ background: '#b7eb8f', border: '1px solid #389e0d', borderRadius: 2 }} />
          {t('home.legendGrid')}
        </span>
        {(['task', 'case', 'me'] as const)
          .filter((k) => points.some((p) => p.kind === k))
          .map((k) => (
            <span key={k}>
              <i style={{ background: COLOURS[k] }} />
              {t(k === 'task' ? 'home.legendTask' : k === 'case' ? 'home.legendCase' : 'home.legendMe')}
            </span>
          ))}
      </div>
      {picked && (
        <div
          className="field-map-pick"
          role="button"
          tabIndex={0}
          onClick={() => onOpen?.(picked.id)}
          onKeyDown={(e) => e.key === 'Enter' && onOpen?.(picked.id)}
        >
          {picked.label}
        </div>
      )}
    </>
  );
}
