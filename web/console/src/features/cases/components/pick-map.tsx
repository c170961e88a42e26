// The intake map (no basemap): the outline of the user's scope, the grids in view once zoomed
// in, and the chosen point; a click picks the point. `focus` moves the view (a found village).
import { Typography } from 'antd';
import type { FeatureCollection } from 'geojson';
import type * as MapLibre from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { refApi, type Geometry } from '../cases-api.ts';
import { EMPTY, addArea, addPoint, boxOf, createBlankMap, pointData, type LngLatBox } from './blank-map.ts';

const GRID_ZOOM = 13;
const PICK_ZOOM = 15;

/** A region's outline, or its children's when it has none of its own (a city). */
async function outlineOf(code: string): Promise<Geometry[]> {
  const own = await refApi.regionGeometry(code).catch(() => null);
  if (own?.geometry) return [own.geometry];
  const { items } = await refApi.children(code).catch(() => ({ items: [] }));
  const kids = await Promise.all(items.map((r) => refApi.regionGeometry(r.code).catch(() => null)));
  return kids.flatMap((k) => (k?.geometry ? [k.geometry] : []));
}

export function PickMap(props: {
  regions: string[];
  marker: [number, number] | null;
  /** The grid the point falls in (outlined). */
  gridCode?: string | undefined;
  focus: { box: LngLatBox; seq: number } | null;
  onPick: (lng: number, lat: number) => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre.Map | null>(null);
  const onPick = useRef(props.onPick);
  useEffect(() => {
    onPick.current = props.onPick;
  });
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  const regionsKey = props.regions.join(',');

  useEffect(() => {
    let live = true;
    let map: MapLibre.Map | undefined;
    let gridsAbort: AbortController | null = null;
    const codes = regionsKey ? regionsKey.split(',') : [];
    Promise.all(codes.map(outlineOf))
      .then(async (outlines) => {
        const el = ref.current;
        if (!live || !el) return;
        const geoms = outlines.flat();
        const bounds = boxOf(geoms) ?? undefined;
        const made = await createBlankMap(el, bounds ? { bounds } : {});
        map = made.map;
        if (!live) {
          map.remove();
          return;
        }
        const scope: FeatureCollection = {
          type: 'FeatureCollection',
          features: geoms.flatMap((g) =>
            g ? [{ type: 'Feature' as const, properties: {}, geometry: g }] : [],
          ),
        };
        addArea(map, 'scope', scope, { fill: '#1677ff', fillOpacity: 0.04, line: '#1677ff', lineWidth: 2 });
        addArea(map, 'grids', EMPTY, { fill: '#52c41a', fillOpacity: 0.03, line: '#8c8c8c', lineWidth: 0.6 });
        map.addLayer({
          id: 'grid-hit',
          type: 'line',
          source: 'grids',
          filter: ['==', ['get', 'code'], ''],
          paint: { 'line-color': '#1677ff', 'line-width': 2.5 },
        });
        addPoint(map, 'pick', null);
        map.getCanvas().style.cursor = 'crosshair';
        const m = map;
        m.on('click', (e) => onPick.current(e.lngLat.lng, e.lngLat.lat));
        const loadGrids = () => {
          gridsAbort?.abort();
          const src = m.getSource<MapLibre.GeoJSONSource>('grids');
          if (m.getZoom() < GRID_ZOOM) {
            src?.setData(EMPTY);
            return;
          }
          gridsAbort = new AbortController();
          const b = m.getBounds();
          refApi.gridsInBox([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], gridsAbort.signal).then(
            (fc) => src?.setData(fc as FeatureCollection),
            () => undefined, // grids are a help for picking, not required
          );
        };
        m.on('moveend', loadGrids);
        mapRef.current = m;
        setReady(true);
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
      gridsAbort?.abort();
      mapRef.current = null;
      map?.remove();
    };
  }, [regionsKey]);

  const [mlng, mlat] = props.marker ?? [null, null];
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const p: [number, number] | null = mlng === null || mlat === null ? null : [mlng, mlat];
    map.getSource<MapLibre.GeoJSONSource>('pick')?.setData(pointData(p));
    // Bring the point into view, close enough to see its grid.
    if (p && (map.getZoom() < PICK_ZOOM - 1 || !map.getBounds().contains(p))) {
      map.jumpTo({ center: p, zoom: Math.max(map.getZoom(), PICK_ZOOM) });
    }
  }, [ready, mlng, mlat]);

  const gridCode = props.gridCode ?? '';
  useEffect(() => {
    const map = mapRef.current;
    if (ready && map?.getLayer('grid-hit')) map.setFilter('grid-hit', ['==', ['get', 'code'], gridCode]);
  }, [ready, gridCode]);

  const focus = props.focus;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !focus) return;
    map.fitBounds(focus.box, { padding: 40, maxZoom: 16, duration: 0 });
  }, [ready, focus]);

  if (failed) {
    return (
      <Typography.Text type="secondary" data-testid="pick-map-fallback">
        {t('intake.mapUnavailable')}
      </Typography.Text>
    );
  }
  return (
    <div>
      <div
        ref={ref}
        data-testid="pick-map"
        data-ready={ready ? 'true' : 'false'}
        style={{ height: 360, borderRadius: 6, overflow: 'hidden', border: '1px solid #f0f0f0' }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('intake.mapHint')}
      </Typography.Text>
    </div>
  );
}
