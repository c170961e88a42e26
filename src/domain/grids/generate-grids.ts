// Realistic unit grids (基础网格) for a real city, from its administrative tree and county
// outlines: each county is rasterised onto ~250 m cells, split into townships, each township into
// villages, each village into grids of ~0.35 km² (urban) or ~1.1 km² (rural), all as contiguous
// cell sets traced back into polygons and clipped to the county. Pure and deterministic.
import { bboxOf, type AreaGeometry, type BBox } from '../geo/geometry.ts';
import { disjointOutlines } from './clip.ts';
import { generateCounty } from './county.ts';
import { frameFor } from './lattice.ts';

export { villageShortName } from './names.ts';

export type TownshipKind = 'street' | 'town' | 'township' | 'other';
export type VillageKind = 'community' | 'village' | 'other';

export interface GenerateVillage {
  code: string;
  name: string;
  kind: VillageKind;
}
export interface GenerateTownship {
  code: string;
  name: string;
  kind: TownshipKind;
  villages: GenerateVillage[];
}
export interface GenerateCounty {
  code: string;
  name: string;
  outline: AreaGeometry;
  /** The county seat [lng, lat]: 街道 cluster around it. */
  center?: [number, number];
  townships: GenerateTownship[];
}

export interface GenerateOptions {
  /** Lattice cell side in metres; also the row height of the grid-code reading order. */
  cellSizeM: number;
  /** Target grid area for villages in a 街道 and for communities. */
  streetGridKm2: number;
  /** Target grid area elsewhere. */
  gridKm2: number;
  /** A grid smaller than this after clipping merges into a neighbour of its village. */
  sliverKm2: number;
  lloydIterations: number;
  /** Relative growth speed of townships by kind (streets small, townships large). */
  townshipWeights: Record<TownshipKind, number>;
  villageWeights: Record<VillageKind, number>;
}

/** Tuned on Zhangzhou (≈14,600 grids) and Quanzhou (≈11,900; the city reports 12,876). */
export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  cellSizeM: 250,
  streetGridKm2: 0.35,
  gridKm2: 1.15,
  sliverKm2: 0.03,
  lloydIterations: 2,
  townshipWeights: { street: 0.25, town: 1, township: 1.4, other: 0.3 },
  villageWeights: { community: 0.4, village: 1, other: 0.5 },
};

export interface GenerateInput {
  counties: GenerateCounty[];
  options?: Partial<GenerateOptions>;
}

export interface GeneratedGrid {
  /** 12-digit village code + 3-digit sequence in reading order (north→south rows, west→east). */
  code: string;
  name: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  geometry: AreaGeometry;
  areaM2: number;
  /** [lng, lat] */
  centroid: [number, number];
}

export interface GeneratedCity {
  grids: GeneratedGrid[];
  /** Village code → the union of its grids. */
  villages: Map<string, AreaGeometry>;
  /** Township code → the union of its villages' grids. */
  townships: Map<string, AreaGeometry>;
  warnings: string[];
}

/** Generates the unit grids of every county given (deterministic: same input, same output). */
export function generateGrids(input: GenerateInput): GeneratedCity {
  const opts: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, ...input.options };
  const { outlines, notes } = disjointOutlines(
    input.counties.map((c) => c.outline),
    input.counties.map((c) => c.name),
  );
  const out: GeneratedCity = { grids: [], villages: new Map(), townships: new Map(), warnings: [...notes] };
  // One frame for the run: neighbouring counties' lattices share their lines exactly.
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const o of outlines) {
    if (!o) continue;
    const b = bboxOf(o);
    box[0] = Math.min(box[0], b[0]);
    box[1] = Math.min(box[1], b[1]);
    box[2] = Math.max(box[2], b[2]);
    box[3] = Math.max(box[3], b[3]);
  }
  const frame = frameFor(box, opts.cellSizeM);
  input.counties.forEach((county, i) => {
    const outline = outlines[i];
    if (outline) generateCounty({ ...county, outline }, opts, frame, out);
  });
  return out;
}
