// Everything the 一张图 map draws and how it reacts, kept out of React: region outlines (the
// scope, its children, and its grandchildren once zoomed in), grids filled by open or overdue
// cases, open cases as clustered markers coloured by deadline, the selected grid, clicks.
// Looks good without a basemap: a grey sea, the land of the scope in white, outlines in blue.
import type * as MapLibre from 'maplibre-gl';
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { FeatureCollection as GeoJSONCollection } from 'geojson';
import { DEADLINE_COLOURS, rampExpression, type ColourMode } from './colours.ts';
import { GridLoader, LOAD_ALL_LIMIT, type GridFeature } from './grid-loader.ts';
import {
  geometryBBox,
  mapApi,
  unionBBox,
  type BBox,
  type CasePoint,
  type FeatureCollection,
  type OutlineProps,
  type RegionView,
} from './map-api.ts';
import { declutterLabels, installTextImages, labelMarker, type MapLib } from './use-maplibre.ts';

/** Grids are drawn from this zoom when loaded by area (a city: ~1 km² grids are a few pixels below it). */
export const GRID_MIN_ZOOM = 10.5;
const CASE_LIMIT = 20_000;
const EMPTY: GeoJSONCollection = { type: 'FeatureCollection', features: [] };

export interface MapStatus {
  grids: number;
  loadingGrids: boolean;
  /** Grids load by area and the view is too far out to show them. */
  needZoom: boolean;
  cases: number;
  casesTruncated: boolean;
  loadingCases: boolean;
  error: unknown;
}

export interface MapTexts {
  openCase: string;
  state: (s: string) => string;
  colour: (c: CasePoint['colour']) => string;
}

export interface ControllerOptions {
  scope: RegionView[];
  /** Tiles under the data: the land fill becomes transparent. */
  basemap: boolean;
  texts: () => MapTexts;
  onStatus: (s: MapStatus) => void;
  onSelectGrid: (code: string) => void;
  onOpenCase: (id: string) => void;
}

function asGeoJSON(fc: FeatureCollection<unknown>): GeoJSONCollection {
  return { type: 'FeatureCollection', features: fc.features.filter((f) => f.geometry) } as GeoJSONCollection;
}

export class GridMapController {
  private readonly ac = new AbortController();
  private readonly loader: GridLoader;
  private readonly byArea: boolean;
  private status: MapStatus = {
    grids: 0,
    loadingGrids: false,
    needZoom: false,
    cases: 0,
    casesTruncated: false,
    loadingCases: false,
    error: undefined,
  };
  private l1: FeatureCollection<OutlineProps> = { type: 'FeatureCollection', features: [] };
  private readonly l2 = new Map<string, FeatureCollection<OutlineProps>>();
  private readonly l2Requested = new Set<string>();
  private l2Zoom = 99;
  private readonly labels: { marker: MapLibre.Marker; rank: number }[] = [];
  private popup: MapLibre.Popup | null = null;
  private selected: string | null = null;
  private flushTimer: number | undefined;
  private declutterFrame = 0;

  constructor(
    private readonly lib: MapLib,
    private readonly map: MapLibre.Map,
    private readonly o: ControllerOptions,
  ) {
    this.loader = new GridLoader(
      this.ac.signal,
      () => this.scheduleFlush(),
      (e) => this.setStatus({ error: e }),
    );
    const total = o.scope.reduce((n, r) => n + r.grid_count, 0);
    this.byArea = total > LOAD_ALL_LIMIT;
  }

  start(): void {
    this.addLayers();
    this.bindEvents();
    installTextImages(this.map, '#ffffff', 12);
    this.l2Zoom = this.map.getZoom() + 1.5;
    void this.loadOutlines();
    void this.loadStatsAndCases();
    if (this.byArea) this.onMoveEnd();
    else for (const r of this.o.scope) void this.loader.loadRegion(r.code);
    this.setStatus({ loadingGrids: this.loader.busy });
  }

  destroy(): void {
    this.ac.abort();
    window.clearTimeout(this.flushTimer);
    cancelAnimationFrame(this.declutterFrame);
    for (const l of this.labels) l.marker.remove();
    this.popup?.remove();
  }

  setColourMode(mode: ColourMode): void {
    this.map.setPaintProperty('grid-fill', 'fill-color', rampExpression(mode));
  }

  setShowCases(show: boolean): void {
    for (const id of ['case-cluster', 'case-cluster-count', 'case-point']) {
      this.map.setLayoutProperty(id, 'visibility', show ? 'visible' : 'none');
    }
    if (!show) this.popup?.remove();
  }

  /** Reloads the open cases and the counts per grid (the grids themselves do not change). */
  refresh(): void {
    void this.loadStatsAndCases();
  }

  /** Highlights a grid (null: none); fetches its outline when it is not loaded. */
  setSelected(code: string | null): void {
    this.selected = code;
    const src = this.map.getSource<MapLibre.GeoJSONSource>('selected');
    if (!code) {
      src?.setData(EMPTY);
      return;
    }
    const draw = (f: GridFeature) => {
      if (this.selected !== code || !f.geometry) return;
      src?.setData({ type: 'FeatureCollection', features: [f] } as GeoJSONCollection);
    };
    const have = this.loader.get(code);
    if (have) draw(have);
    else mapApi.grid(code, this.ac.signal).then(draw, () => undefined);
  }

  /** The open / overdue counts of a grid (from the last load). */
  gridStat(code: string) {
    return this.loader.stat(code);
  }

  /** Moves the view to a grid (a link from elsewhere: /map?grid=CODE). */
  async focusGrid(code: string): Promise<void> {
    const g = this.loader.get(code) ?? (await mapApi.grid(code, this.ac.signal));
    const b = geometryBBox(g.geometry);
    if (b) this.map.fitBounds(b, { padding: 80, maxZoom: 15, duration: 0 });
  }

  private setStatus(patch: Partial<MapStatus>): void {
    this.status = { ...this.status, ...patch };
    this.o.onStatus(this.status);
  }

  private addLayers(): void {
    const m = this.map;
    const land = this.o.basemap ? 'rgba(255,255,255,0)' : '#fbfcfe';
    // Data layers go under the basemap's labels (天地图 cva), outlines and markers above them.
    const underLabels = m.getLayer('basemap-labels') ? 'basemap-labels' : undefined;
    m.addSource('scope', { type: 'geojson', data: EMPTY });
    m.addSource('l1', { type: 'geojson', data: EMPTY });
    m.addSource('l2', { type: 'geojson', data: EMPTY });
    m.addSource('grids', { type: 'geojson', data: EMPTY, tolerance: 0.2 });
    m.addSource('selected', { type: 'geojson', data: EMPTY });
    m.addSource('cases', {
      type: 'geojson',
      data: EMPTY,
      cluster: true,
      clusterRadius: 46,
      clusterMaxZoom: 15,
      clusterProperties: {
        red: ['+', ['case', ['==', ['get', 'colour'], 'red'], 1, 0]],
        yellow: ['+', ['case', ['==', ['get', 'colour'], 'yellow'], 1, 0]],
      },
    });
    m.addLayer(
      { id: 'scope-land', type: 'fill', source: 'scope', paint: { 'fill-color': land } },
      underLabels,
    );
    m.addLayer({ id: 'l1-land', type: 'fill', source: 'l1', paint: { 'fill-color': land } }, underLabels);
    m.addLayer(
      {
        id: 'grid-fill',
        type: 'fill',
        source: 'grids',
        ...(this.byArea ? { minzoom: GRID_MIN_ZOOM } : {}),
        paint: {
          'fill-color': rampExpression('open') as ExpressionSpecification,
          'fill-opacity': this.o.basemap ? 0.55 : 0.85,
        },
      },
      underLabels,
    );
    m.addLayer(
      {
        id: 'grid-line',
        type: 'line',
        source: 'grids',
        ...(this.byArea ? { minzoom: GRID_MIN_ZOOM } : {}),
        paint: {
          'line-color': '#7d8ca3',
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 14, 1],
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.35, 14, 0.8],
        },
      },
      underLabels,
    );
    m.addLayer({
      id: 'l2-line',
      type: 'line',
      source: 'l2',
      paint: { 'line-color': '#6f86c6', 'line-width': 1, 'line-dasharray': [3, 2], 'line-opacity': 0.9 },
    });
    m.addLayer({
      id: 'l1-line',
      type: 'line',
      source: 'l1',
      paint: { 'line-color': '#3f5bb5', 'line-width': 1.4 },
    });
    m.addLayer({
      id: 'scope-line',
      type: 'line',
      source: 'scope',
      paint: { 'line-color': '#1d39c4', 'line-width': 2.5 },
    });
    m.addLayer({
      id: 'grid-selected',
      type: 'line',
      source: 'selected',
      paint: { 'line-color': '#fa541c', 'line-width': 3 },
    });
    const clustered: FilterSpecification = ['has', 'point_count'];
    m.addLayer({
      id: 'case-cluster',
      type: 'circle',
      source: 'cases',
      filter: clustered,
      paint: {
        'circle-color': [
          'case',
          ['>', ['get', 'red'], 0],
          DEADLINE_COLOURS.red,
          ['>', ['get', 'yellow'], 0],
          DEADLINE_COLOURS.yellow,
          DEADLINE_COLOURS.green,
        ],
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 100, 20, 1000, 25],
        'circle-opacity': 0.88,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    m.addLayer({
      id: 'case-cluster-count',
      type: 'symbol',
      source: 'cases',
      filter: clustered,
      layout: {
        'icon-image': ['concat', 'n:', ['to-string', ['get', 'point_count_abbreviated']]],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
    m.addLayer({
      id: 'case-point',
      type: 'circle',
      source: 'cases',
      filter: ['!', clustered],
      paint: {
        'circle-color': [
          'match',
          ['get', 'colour'],
          'red',
          DEADLINE_COLOURS.red,
          'yellow',
          DEADLINE_COLOURS.yellow,
          DEADLINE_COLOURS.green,
        ],
        'circle-radius': 6,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    });
  }

  private bindEvents(): void {
    const m = this.map;
    const hot = ['case-point', 'case-cluster', 'grid-fill'];
    for (const id of hot) {
      m.on('mouseenter', id, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', id, () => (m.getCanvas().style.cursor = ''));
    }
    m.on('click', (e) => this.onClick(e));
    m.on('moveend', () => {
      this.onMoveEnd();
      this.scheduleDeclutter();
    });
    m.on('zoom', () => this.updateLabelBand());
  }

  private onClick(e: MapLibre.MapMouseEvent): void {
    const m = this.map;
    const layers = ['case-point', 'case-cluster'].filter(
      (id) => m.getLayoutProperty(id, 'visibility') !== 'none',
    );
    const hit = layers.length ? m.queryRenderedFeatures(e.point, { layers }) : [];
    const first = hit[0];
    if (first?.layer.id === 'case-cluster') {
      const id = Number(first.properties.cluster_id);
      const src = m.getSource<MapLibre.GeoJSONSource>('cases');
      src?.getClusterExpansionZoom(id).then(
        (zoom) => m.easeTo({ center: e.lngLat, zoom: Math.min(zoom + 0.2, 18) }),
        () => undefined,
      );
      return;
    }
    if (first?.layer.id === 'case-point') {
      this.showCasePopup(first.properties as unknown as CasePoint, e.lngLat);
      return;
    }
    const grid = m.queryRenderedFeatures(e.point, { layers: ['grid-fill'] })[0];
    const code = grid?.properties.code as string | undefined;
    if (code) this.o.onSelectGrid(code);
  }

  private showCasePopup(p: CasePoint, at: MapLibre.LngLat): void {
    const texts = this.o.texts();
    const box = document.createElement('div');
    box.className = 'wg-map-popup';
    box.dataset.testid = 'map-case-popup';
    const code = document.createElement('div');
    code.className = 'wg-map-popup-code';
    code.textContent = p.code;
    const meta = document.createElement('div');
    meta.className = 'wg-map-popup-meta';
    const dot = document.createElement('span');
    dot.className = 'wg-map-dot';
    dot.style.background = DEADLINE_COLOURS[p.colour] ?? DEADLINE_COLOURS.green;
    meta.append(dot, `${texts.state(p.state)} · ${texts.colour(p.colour)}`);
    const link = document.createElement('a');
    link.href = `/cases/${encodeURIComponent(p.id)}`;
    link.textContent = texts.openCase;
    link.addEventListener('click', (ev) => {
      ev.preventDefault();
      this.o.onOpenCase(p.id);
    });
    box.append(code, meta, link);
    this.popup?.remove();
    this.popup = new this.lib.Popup({ offset: 10, maxWidth: '260px' })
      .setLngLat(at)
      .setDOMContent(box)
      .addTo(this.map);
  }

  private onMoveEnd(): void {
    const zoom = this.map.getZoom();
    const b = this.map.getBounds();
    const view: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    if (this.byArea) {
      if (zoom >= GRID_MIN_ZOOM - 0.3) this.loader.loadView(view);
      this.setStatus({ needZoom: zoom < GRID_MIN_ZOOM, loadingGrids: this.loader.busy });
    }
    if (zoom >= this.l2Zoom) this.loadL2(view);
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = window.setTimeout(() => {
      this.flushTimer = undefined;
      if (this.ac.signal.aborted) return;
      this.map.getSource<MapLibre.GeoJSONSource>('grids')?.setData(this.loader.collection());
      this.setStatus({ grids: this.loader.size, loadingGrids: this.loader.busy });
    }, 120);
  }

  private async loadOutlines(): Promise<void> {
    const signal = this.ac.signal;
    try {
      const [own, children] = await Promise.all([
        Promise.all(this.o.scope.map((r) => mapApi.outline(r.code, signal))),
        Promise.all(this.o.scope.map((r) => mapApi.outlines(r.code, signal))),
      ]);
      if (signal.aborted) return;
      this.map
        .getSource<MapLibre.GeoJSONSource>('scope')
        ?.setData(asGeoJSON({ type: 'FeatureCollection', features: own }));
      this.l1 = { type: 'FeatureCollection', features: children.flatMap((c) => c.features) };
      this.map.getSource<MapLibre.GeoJSONSource>('l1')?.setData(asGeoJSON(this.l1));
      for (const f of this.l1.features) this.addLabel(f.properties, 'l1');
      this.updateLabelBand();
      if (this.map.getZoom() >= this.l2Zoom) this.onMoveEnd();
    } catch (e) {
      if (!signal.aborted) this.setStatus({ error: e });
    }
  }

  /** Outlines one level further down for the children in view (townships of a city's counties …). */
  private loadL2(view: BBox): void {
    for (const f of this.l1.features) {
      const code = f.properties.code;
      const b = geometryBBox(f.geometry);
      if (!b || this.l2Requested.has(code)) continue;
      if (b[0] > view[2] || b[2] < view[0] || b[1] > view[3] || b[3] < view[1]) continue;
      this.l2Requested.add(code);
      mapApi.outlines(code, this.ac.signal).then(
        (fc) => {
          this.l2.set(code, fc);
          const all = [...this.l2.values()].flatMap((c) => c.features);
          this.map
            .getSource<MapLibre.GeoJSONSource>('l2')
            ?.setData(asGeoJSON({ type: 'FeatureCollection', features: all }));
          for (const g of fc.features) this.addLabel(g.properties, 'l2');
        },
        () => this.l2Requested.delete(code),
      );
    }
  }

  /** A region's name at its centre (HTML: no glyph server needed); shown by zoom band. */
  private addLabel(p: OutlineProps, level: 'l1' | 'l2'): void {
    if (!p.center) return;
    const marker = labelMarker(this.lib, `wg-map-label wg-map-label-${level}`, p.name, p.center).addTo(
      this.map,
    );
    // Children before grandchildren, larger regions (more grids) first.
    this.labels.push({ marker, rank: (level === 'l1' ? 1e9 : 0) + p.grid_count });
    this.labels.sort((a, b) => b.rank - a.rank);
    this.scheduleDeclutter();
  }

  private scheduleDeclutter(): void {
    if (this.declutterFrame) return;
    this.declutterFrame = requestAnimationFrame(() => {
      this.declutterFrame = 0;
      if (!this.ac.signal.aborted) declutterLabels(this.labels.map((l) => l.marker.getElement()));
    });
  }

  private updateLabelBand(): void {
    const z = this.map.getZoom();
    const band = z >= this.l2Zoom + 2 ? 'grids' : z >= this.l2Zoom ? 'l2' : 'l1';
    this.map.getContainer().dataset.labels = band;
  }

  private async loadStatsAndCases(): Promise<void> {
    const signal = this.ac.signal;
    this.setStatus({ loadingCases: true });
    try {
      const regions = this.o.scope.map((r) => r.code);
      const [stats, cases] = await Promise.all([
        Promise.all(regions.map((region) => mapApi.gridStats({ region }, signal))),
        Promise.all(regions.map((region) => mapApi.cases({ region, limit: CASE_LIMIT }, signal))),
      ]);
      if (signal.aborted) return;
      this.loader.setStats(stats.flatMap((s) => s.items));
      this.scheduleFlush();
      const points = cases.flatMap((c) => c.items);
      this.map.getSource<MapLibre.GeoJSONSource>('cases')?.setData({
        type: 'FeatureCollection',
        features: points.map((p) => ({
          type: 'Feature',
          properties: { id: p.id, code: p.code, colour: p.colour, state: p.state },
          geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
        })),
      });
      this.setStatus({
        cases: points.length,
        casesTruncated: cases.some((c) => c.truncated),
        loadingCases: false,
        error: undefined,
      });
    } catch (e) {
      if (!signal.aborted) this.setStatus({ error: e, loadingCases: false });
    }
  }

  /** The scope's box (to fit the view). */
  static scopeBounds(scope: RegionView[]): BBox | null {
    return unionBBox(scope.map((r) => r.bbox));
  }
}
