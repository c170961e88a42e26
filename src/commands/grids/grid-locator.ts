// Point → grid, village, township and county, from an in-memory spatial index of every grid.
// Built on first use and rebuilt when the `grids` revision in the database changes (checked at
// most every few seconds), so several app processes stay in step without messaging.
import { toWgs84, type Crs } from '../../domain/geo/crs.ts';
import { SpatialIndex } from '../../domain/geo/spatial-index.ts';
import { AppError } from '../../domain/errors.ts';
import type { Db } from '../../store/db.ts';
import { allGridShapes, getRevision, type GridSpecialty } from '../../store/grid-store.ts';
import { regionNames } from '../../store/region-store.ts';

export interface GridRef {
  code: string;
  name: string;
  regionCode: string;
  specialty: GridSpecialty | null;
}

export interface Location {
  lng: number;
  lat: number;
  grid: { code: string; name: string };
  village: { code: string; name: string };
  township: { code: string; name: string };
  county: { code: string; name: string };
  specialized: { code: string; name: string; specialty: GridSpecialty }[];
}

const CHECK_EVERY_MS = 3_000;

export class GridLocator {
  private basic: SpatialIndex<GridRef> = SpatialIndex.build<GridRef>([]);
  private specialized: SpatialIndex<GridRef> = SpatialIndex.build<GridRef>([]);
  private regions = new Map<string, { name: string; parent: string | null }>();
  private revision = -1;
  private checkedAt = 0;
  private building: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /** Rebuilds the index when the grids changed since the last build (or was never built). */
  async refresh(force = false): Promise<void> {
    const now = Date.now();
    if (!force && this.revision >= 0 && now - this.checkedAt < CHECK_EVERY_MS) return;
    this.checkedAt = now;
    const rev = await getRevision(this.db, 'grids');
    if (!force && rev === this.revision) return;
    this.building ??= this.build(rev).finally(() => (this.building = null));
    await this.building;
  }

  private async build(rev: number): Promise<void> {
    const [shapes, names] = await Promise.all([allGridShapes(this.db), regionNames(this.db)]);
    const toShape = (s: (typeof shapes)[number]) => ({
      item: { code: s.code, name: s.name, regionCode: s.region_code, specialty: s.specialty },
      geometry: s.geometry,
    });
    this.basic = SpatialIndex.build(shapes.filter((s) => s.kind === 'basic').map(toShape));
    this.specialized = SpatialIndex.build(shapes.filter((s) => s.kind === 'specialized').map(toShape));
    this.regions = new Map(names.map((r) => [r.code, { name: r.name, parent: r.parent_code }]));
    this.revision = rev;
  }

  get size(): number {
    return this.basic.size;
  }

  /** The basic grid at a WGS-84 point, or undefined: the hot path the benchmark measures. */
  findGrid(lng: number, lat: number): GridRef | undefined {
    return this.basic.find(lng, lat);
  }

  /** Locates a point given in any supported CRS; OUTSIDE_JURISDICTION when no grid holds it. */
  async locate(lng: number, lat: number, crs: Crs = 'wgs84'): Promise<Location> {
    await this.refresh();
    const [x, y] = toWgs84(lng, lat, crs);
    const grid = this.basic.find(x, y);
    if (!grid) throw new AppError('OUTSIDE_JURISDICTION', { details: { lng, lat, crs, wgs84: [x, y] } });
    const village = this.region(grid.regionCode);
    const township = this.region(village.parent);
    const county = this.region(township.parent);
    return {
      lng: x,
      lat: y,
      grid: { code: grid.code, name: grid.name },
      village: { code: grid.regionCode, name: village.name },
      township: { code: village.parent ?? '', name: township.name },
      county: { code: township.parent ?? '', name: county.name },
      specialized: this.specialized
        .findAll(x, y)
        .map((s) => ({ code: s.code, name: s.name, specialty: s.specialty ?? 'fire' })),
    };
  }

  private region(code: string | null): { name: string; parent: string | null } {
    return (code && this.regions.get(code)) || { name: '', parent: null };
  }
}
