// Keeps the grids the map has loaded, with each grid's open / overdue counts merged into its
// properties (so the fill colour is a plain data expression). Small scopes load every grid of
// their regions at once; a large one (a whole city: ~14,600 grids, ~11 MB) loads fixed cells of
// the visible area when zoomed in, each cell once, so panning back costs nothing.
import type { FeatureCollection as GeoJSONCollection } from 'geojson';
import { mapApi, type BBox, type Feature, type GridProps, type GridStat } from './map-api.ts';

/** Above this many grids in scope, load by visible area instead of all at once. */
export const LOAD_ALL_LIMIT = 4000;
/** Side of a loading cell, in degrees (≈ 25 km: a few hundred to ~2,000 grids). */
const CELL = 0.25;
const PAGE = 5000;
const PARALLEL = 3;

export type GridFeature = Feature<GridProps>;

export class GridLoader {
  private readonly grids = new Map<string, GridFeature>();
  private stats = new Map<string, GridStat>();
  private readonly cellsDone = new Set<string>();
  private readonly cellsQueued = new Set<string>();
  private queue: string[] = [];
  private running = 0;

  constructor(
    private readonly signal: AbortSignal,
    private readonly onChange: () => void,
    private readonly onError: (e: unknown) => void,
  ) {}

  get size(): number {
    return this.grids.size;
  }

  get busy(): boolean {
    return this.running > 0 || this.queue.length > 0;
  }

  get(code: string): GridFeature | undefined {
    return this.grids.get(code);
  }

  /** Every basic grid under a region (paginated by code). */
  async loadRegion(region: string): Promise<void> {
    this.running++;
    try {
      let after: string | undefined;
      do {
        const page = await mapApi.grids({ region, limit: PAGE, ...(after ? { after } : {}) }, this.signal);
        this.add(page.features);
        after = page.next ?? undefined;
      } while (after);
    } catch (e) {
      if (!this.signal.aborted) this.onError(e);
    } finally {
      this.running--;
      this.onChange();
    }
  }

  /** Queues the cells covering a box that are not loaded yet. */
  loadView(b: BBox): void {
    const [x0, y0, x1, y1] = [
      Math.floor(b[0] / CELL),
      Math.floor(b[1] / CELL),
      Math.floor(b[2] / CELL),
      Math.floor(b[3] / CELL),
    ];
    // Never more than a screenful of cells at once (a zoomed-out view loads nothing).
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 48) return;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const cells: [number, number][] = [];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) cells.push([x, y]);
    // Centre first: what the user looks at appears first.
    cells.sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
    for (const [x, y] of cells) {
      const key = `${x}:${y}`;
      if (this.cellsDone.has(key) || this.cellsQueued.has(key)) continue;
      this.cellsQueued.add(key);
      this.queue.push(key);
    }
    this.pump();
  }

  private pump(): void {
    while (this.running < PARALLEL && this.queue.length && !this.signal.aborted) {
      const key = this.queue.shift()!;
      this.running++;
      void this.loadCell(key).finally(() => {
        this.running--;
        this.cellsQueued.delete(key);
        this.onChange();
        this.pump();
      });
    }
  }

  private async loadCell(key: string): Promise<void> {
    const [x, y] = key.split(':').map(Number) as [number, number];
    const bbox = [x * CELL, y * CELL, (x + 1) * CELL, (y + 1) * CELL].map((n) => n.toFixed(4)).join(',');
    try {
      let after: string | undefined;
      do {
        const page = await mapApi.grids({ bbox, limit: PAGE, ...(after ? { after } : {}) }, this.signal);
        this.add(page.features);
        after = page.next ?? undefined;
      } while (after);
      this.cellsDone.add(key);
    } catch (e) {
      if (!this.signal.aborted) this.onError(e);
    }
  }

  private add(features: GridFeature[]): void {
    for (const f of features) this.grids.set(f.properties.code, f);
  }

  setStats(items: GridStat[]): void {
    this.stats = new Map(items.map((s) => [s.grid_code, s]));
  }

  stat(code: string): GridStat | undefined {
    return this.stats.get(code);
  }

  /** The loaded grids as GeoJSON, each with `open` and `overdue` counts. */
  collection(): GeoJSONCollection {
    const features = [];
    for (const f of this.grids.values()) {
      if (!f.geometry) continue;
      const s = this.stats.get(f.properties.code);
      features.push({
        type: 'Feature' as const,
        properties: { ...f.properties, open: s?.open ?? 0, overdue: s?.overdue ?? 0 },
        geometry: f.geometry,
      });
    }
    return { type: 'FeatureCollection', features } as GeoJSONCollection;
  }
}
