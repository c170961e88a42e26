// The big screen's map: the region's outline and its children's (no basemap, dark), the hot grids
// (most open cases) as circles sized by their open cases, red when some are overdue, and the top
// five listed in the corner. Watched, not clicked: the map does not take input.
import type * as MapLibre from 'maplibre-gl';
import type { FeatureCollection as GeoJSONCollection } from 'geojson';
import { useEffect, useRef } from 'react';
import { useAsync } from '../../../../shared/use-async.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { mapApi, type BBox, type OutlineProps } from '../map/map-api.ts';
import { declutterLabels, labelMarker, useMapLibre } from '../map/use-maplibre.ts';
import type { Dashboard } from './dashboard-api.ts';

const EMPTY: GeoJSONCollection = { type: 'FeatureCollection', features: [] };

function hotCollection(hot: Dashboard['hot_grids']): GeoJSONCollection {
  return {
    type: 'FeatureCollection',
    features: hot
      .filter((h) => Number.isFinite(h.lng) && Number.isFinite(h.lat))
      .map((h) => ({
        type: 'Feature',
        properties: { code: h.grid_code, name: h.name, open: h.open, overdue: h.overdue },
        geometry: { type: 'Point', coordinates: [h.lng, h.lat] },
      })),
  };
}

function MapCanvas({
  bbox,
  region,
  hot,
  scale,
}: {
  bbox: BBox;
  region: string;
  hot: Dashboard['hot_grids'];
  scale: number;
}) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const { lib, map, error } = useMapLibre(container, 'bigScreen', () => ({
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#061327' } }],
    },
    bounds: bbox,
    fitBoundsOptions: { padding: 28 },
    interactive: false,
    attributionControl: false,
    pixelRatio: Math.max(1, (window.devicePixelRatio || 1) * scale),
  }));

  useEffect(() => {
    if (!lib || !map) return;
    const ac = new AbortController();
    const markers: MapLibre.Marker[] = [];
    map.addSource('own', { type: 'geojson', data: EMPTY });
    map.addSource('children', { type: 'geojson', data: EMPTY });
    map.addSource('hot', { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'land',
      type: 'fill',
      source: 'children',
      paint: { 'fill-color': '#0c2850', 'fill-opacity': 0.95 },
    });
    map.addLayer({ id: 'own-land', type: 'fill', source: 'own', paint: { 'fill-color': '#0c2850' } });
    map.addLayer({
      id: 'children-line',
      type: 'line',
      source: 'children',
      paint: { 'line-color': '#2f7ed8', 'line-width': 1.2 },
    });
    map.addLayer({
      id: 'own-line',
      type: 'line',
      source: 'own',
      paint: { 'line-color': '#5cc8ff', 'line-width': 2.5 },
    });
    const radius: MapLibre.ExpressionSpecification = [
      'min',
      34,
      ['+', 5, ['*', 4, ['sqrt', ['get', 'open']]]],
    ];
    const colour: MapLibre.ExpressionSpecification = [
      'case',
      ['>', ['get', 'overdue'], 0],
      '#ff4d4f',
      '#ffc53d',
    ];
    map.addLayer({
      id: 'hot-halo',
      type: 'circle',
      source: 'hot',
      paint: {
        'circle-radius': ['*', 1.8, radius],
        'circle-color': colour,
        'circle-opacity': 0.18,
        'circle-blur': 0.6,
      },
    });
    map.addLayer({
      id: 'hot',
      type: 'circle',
      source: 'hot',
      paint: {
        'circle-radius': radius,
        'circle-color': colour,
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
        'circle-stroke-opacity': 0.8,
      },
    });
    Promise.all([mapApi.outline(region, ac.signal), mapApi.outlines(region, ac.signal)]).then(
      ([own, children]) => {
        if (ac.signal.aborted) return;
        if (own.geometry) {
          map
            .getSource<MapLibre.GeoJSONSource>('own')
            ?.setData({ type: 'FeatureCollection', features: [own] } as GeoJSONCollection);
        }
        map.getSource<MapLibre.GeoJSONSource>('children')?.setData({
          type: 'FeatureCollection',
          features: children.features.filter((f) => f.geometry),
        } as GeoJSONCollection);
        const byGrids = [...children.features].sort(
          (a, b) => b.properties.grid_count - a.properties.grid_count,
        );
        for (const f of byGrids) addLabel(f.properties);
        requestAnimationFrame(() => declutterLabels(markers.map((m) => m.getElement())));
      },
      () => undefined,
    );
    function addLabel(p: OutlineProps) {
      if (!p.center || !lib) return;
      markers.push(labelMarker(lib, 'bs-map-label', p.name, p.center).addTo(map!));
    }
    return () => {
      ac.abort();
      for (const m of markers) m.remove();
    };
  }, [lib, map, region]);

  useEffect(() => {
    map?.getSource<MapLibre.GeoJSONSource>('hot')?.setData(hotCollection(hot));
  }, [map, hot]);

  if (error) return <div className="bs-empty">{error === 'webgl' ? t('map.noWebgl') : t('map.failed')}</div>;
  return (
    <div ref={container} className="bs-map-canvas" data-testid="bs-map" data-ready={map ? 'true' : 'false'} />
  );
}

export function HotGridMap({ d, scale }: { d: Dashboard; scale: number }) {
  const { t, fmt } = useI18n();
  const region = d.region.code;
  const { data } = useAsync(async (signal) => (await mapApi.region(region, signal)).region, [region]);
  const top = d.hot_grids.slice(0, 5);
  return (
    <div className="bs-map">
      {data?.bbox && <MapCanvas bbox={data.bbox} region={region} hot={d.hot_grids} scale={scale} />}
      <div className="bs-map-legend">
        <span className="bs-legend-dot" style={{ background: '#ffc53d' }} />
        {t('bigScreen.map.open')}
        <span className="bs-legend-dot" style={{ background: '#ff4d4f', marginLeft: 12 }} />
        {t('bigScreen.map.overdue')}
      </div>
      <div className="bs-hot-list" data-testid="bs-hot-list">
        <div className="bs-hot-title">{t('bigScreen.map.top')}</div>
        {top.length ? (
          top.map((h, i) => (
            <div key={h.grid_code} className="bs-hot-row">
              <span className="bs-hot-no">{i + 1}</span>
              <span className="bs-hot-name" title={h.name}>
                {h.name}
              </span>
              <span className="bs-hot-count">
                {t('bigScreen.map.counts', { open: fmt.number(h.open), overdue: fmt.number(h.overdue) })}
              </span>
            </div>
          ))
        ) : (
          <div className="bs-hot-empty">{t('bigScreen.noData')}</div>
        )}
      </div>
    </div>
  );
}
