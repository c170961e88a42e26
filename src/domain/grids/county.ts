// One county: lattice → townships → villages → grids, then shapes, sliver merging and codes.
import type {
  GenerateCounty,
  GenerateOptions,
  GenerateTownship,
  GenerateVillage,
  GeneratedCity,
} from './generate-grids.ts';
import { neighbours, rasterise, readingRow, type Frame, type Lattice } from './lattice.ts';
import { gridName } from './names.ts';
import { newScratch, partitionCells, type RegionSpec, type Scratch } from './partition.ts';
import { cellShape, type Shape } from './shapes.ts';

/** Cells grouped by owner: `cells[i]` goes to list `owner[i]` (−1: dropped). */
function groupBy(cells: ArrayLike<number>, owner: Int32Array, n: number): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < cells.length; i++) {
    const o = owner[i]!;
    if (o >= 0) out[o]!.push(cells[i]!);
  }
  return out;
}

interface Ctx {
  l: Lattice;
  s: Scratch;
  opts: GenerateOptions;
  county: GenerateCounty;
  out: GeneratedCity;
}

/** Mean cell centre of a cell list, lattice units. */
function meanOf(l: Lattice, cells: number[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const c of cells) {
    x += l.col[c]! + 0.5;
    y += l.row[c]! + 0.5;
  }
  return [x / cells.length, y / cells.length];
}

/**
 * Merges grids smaller than `minM2` into the neighbour of the same village they share most cell
 * edges with (or, for a detached piece, the nearest grid), smallest first, while > 1 grid is left.
 */
function mergeSlivers(l: Lattice, parts: number[][], shapes: Shape[], minM2: number): void {
  const nb = new Int32Array(4);
  while (parts.length > 1) {
    let g = -1;
    shapes.forEach((sh, i) => {
      if (sh.areaM2 < minM2 && (g < 0 || sh.areaM2 < shapes[g]!.areaM2)) g = i;
    });
    if (g < 0) return;
    const ownerOf = new Map<number, number>();
    parts.forEach((p, i) => p.forEach((c) => ownerOf.set(c, i)));
    const shared = new Map<number, number>();
    for (const c of parts[g]!) {
      neighbours(l, c, nb);
      for (const n of nb) {
        const o = n >= 0 ? ownerOf.get(n) : undefined;
        if (o !== undefined && o !== g) shared.set(o, (shared.get(o) ?? 0) + 1);
      }
    }
    let h = -1;
    for (const [o, k] of shared) if (h < 0 || k > shared.get(h)! || (k === shared.get(h)! && o < h)) h = o;
    if (h < 0) {
      const [gx, gy] = meanOf(l, parts[g]!);
      let best = Infinity;
      parts.forEach((p, i) => {
        if (i === g) return;
        const [x, y] = meanOf(l, p);
        const d = (x - gx) ** 2 + (y - gy) ** 2;
        if (d < best) {
          best = d;
          h = i;
        }
      });
    }
    parts[h] = parts[h]!.concat(parts[g]!);
    shapes[h] = cellShape(l, parts[h]!);
    parts.splice(g, 1);
    shapes.splice(g, 1);
  }
}

function villageGrids(ctx: Ctx, t: GenerateTownship, v: GenerateVillage, cells: number[]): void {
  const { l, s, opts, county, out } = ctx;
  const cellKm2 = (opts.cellSizeM / 1000) ** 2;
  let est = 0;
  for (const c of cells) est += l.border[c] === 1 ? 0.5 : 1;
  const target = t.kind === 'street' || v.kind === 'community' ? opts.streetGridKm2 : opts.gridKm2;
  const k = Math.max(1, Math.min(999, cells.length, Math.round((est * cellKm2) / target)));
  const specs: RegionSpec[] = Array.from({ length: k }, () => ({ weight: 1, central: false }));
  const pg = partitionCells(l, cells, specs, { lloydIterations: opts.lloydIterations, perPiece: true }, s);
  const parts = groupBy(cells, pg.owner, k).filter((p) => p.length > 0);
  const shapes = parts.map((p) => cellShape(l, p));
  mergeSlivers(l, parts, shapes, opts.sliverKm2 * 1e6);

  const grids = shapes
    .filter((sh) => sh.geometry !== undefined)
    .map((sh) => ({ sh, row: readingRow(sh.centroid[1], opts.cellSizeM) }))
    .sort((a, b) => b.row - a.row || a.sh.centroid[0] - b.sh.centroid[0]);
  if (grids.length === 0) {
    out.warnings.push(`village ${v.code} ${v.name} lies only on the outline's edge: no grid`);
    return;
  }
  grids.forEach(({ sh }, i) => {
    const seq = i + 1;
    out.grids.push({
      code: v.code + String(seq).padStart(3, '0'),
      name: gridName(v.name, seq),
      villageCode: v.code,
      townshipCode: t.code,
      countyCode: county.code,
      geometry: sh.geometry!,
      areaM2: sh.areaM2,
      centroid: sh.centroid,
    });
  });
  const whole = parts.length === 1 ? shapes[0]! : cellShape(l, cells);
  if (whole.geometry) out.villages.set(v.code, whole.geometry);
}

function townshipGrids(ctx: Ctx, t: GenerateTownship, cells: number[], seed: number): void {
  const { l, s, opts, out } = ctx;
  const vs = t.villages;
  if (vs.length === 0) {
    out.warnings.push(`township ${t.code} ${t.name} has no villages: no grids`);
  } else {
    const mixed = vs.some((v) => v.kind === 'community') && vs.some((v) => v.kind !== 'community');
    const specs = vs.map((v) => ({
      weight: opts.villageWeights[v.kind],
      central: mixed && v.kind === 'community',
    }));
    const seat: [number, number] = [l.col[seed]! + 0.5, l.row[seed]! + 0.5];
    const pv = partitionCells(l, cells, specs, { centre: seat, lloydIterations: opts.lloydIterations }, s);
    groupBy(cells, pv.owner, vs.length).forEach((vc, i) => {
      const v = vs[i]!;
      if (vc.length === 0)
        out.warnings.push(`village ${v.code} ${v.name} got no cell (township too small): no grid`);
      else villageGrids(ctx, t, v, vc);
    });
  }
  const shape = cellShape(l, cells);
  if (shape.geometry) out.townships.set(t.code, shape.geometry);
}

/** Generates one county's grids, village and township shapes into `out`, on the run's frame. */
export function generateCounty(
  county: GenerateCounty,
  opts: GenerateOptions,
  frame: Frame,
  out: GeneratedCity,
): void {
  const ts = county.townships;
  if (ts.length === 0) {
    out.warnings.push(`county ${county.code} ${county.name} has no townships: no grids`);
    return;
  }
  const l = rasterise(county.outline, frame);
  if (l.count === 0) {
    out.warnings.push(`county ${county.code} ${county.name} has an empty outline: no grids`);
    return;
  }
  const ctx: Ctx = { l, s: newScratch(l), opts, county, out };
  const all = Int32Array.from({ length: l.count }, (_, i) => i);
  const centre: [number, number] | undefined = county.center
    ? [(county.center[0] - l.lng0) / l.dLng, (county.center[1] - l.lat0) / l.dLat]
    : undefined;
  // A township's share grows with its number of villages: 25 communities need more room than 5.
  const specs = ts.map((t) => ({
    weight: opts.townshipWeights[t.kind] * Math.max(1, t.villages.length),
    central: t.kind === 'street',
  }));
  const pt = partitionCells(l, all, specs, { centre, lloydIterations: opts.lloydIterations }, ctx.s);
  groupBy(all, pt.owner, ts.length).forEach((cells, i) => {
    const t = ts[i]!;
    if (cells.length === 0)
      out.warnings.push(`township ${t.code} ${t.name} got no cell (county too small): no grids`);
    else townshipGrids(ctx, t, cells, pt.seeds[i]!);
  });
}
