// Splits a set of lattice cells into contiguous regions: deterministic seeds (central ones
// clustered around a centre, the rest by farthest-point sampling and a few Lloyd iterations),
// then a weighted round-robin flood in which every region claims its nearest free frontier cell
// (compact growth first, leftovers after), so every region is 4-connected. Cells no seed can
// reach (islands) go, one connected piece at a time, to the region of the nearest claimed cell.
import { MinHeap } from './heap.ts';
import { neighbours, type Lattice } from './lattice.ts';
import { apportion, chooseSeeds, d2, nearestToMean, type Domain } from './seeds.ts';

export interface RegionSpec {
  /** Relative growth speed: a region claims about `weight / max weight` cells per round. */
  weight: number;
  /** Seeded near the centre (街道 around the county seat, 社区 around the township seat). */
  central: boolean;
}

/** Reusable per-lattice marks, so that thousands of small partitions allocate nothing big. */
export interface Scratch {
  stamp: Int32Array;
  local: Int32Array;
  next: number;
}

/** Scratch space for partitions on one lattice. */
export function newScratch(l: Lattice): Scratch {
  return { stamp: new Int32Array(l.count), local: new Int32Array(l.count), next: 0 };
}

function domainOf(l: Lattice, cells: ArrayLike<number>, s: Scratch): Domain {
  const m = cells.length;
  const mark = ++s.next;
  for (let i = 0; i < m; i++) {
    s.stamp[cells[i]!] = mark;
    s.local[cells[i]!] = i;
  }
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  const nbr = new Int32Array(4 * m);
  const tmp = new Int32Array(4);
  for (let i = 0; i < m; i++) {
    const id = cells[i]!;
    xs[i] = l.col[id]! + 0.5;
    ys[i] = l.row[id]! + 0.5;
    neighbours(l, id, tmp);
    for (let k = 0; k < 4; k++) {
      const n = tmp[k]!;
      nbr[4 * i + k] = n >= 0 && s.stamp[n] === mark ? s.local[n]! : -1;
    }
  }
  return { m, xs, ys, nbr };
}

/** Connected pieces (4-neighbourhood) of the cells where `keep(i)`; each piece lists local indices. */
function pieces(d: Domain, keep: (i: number) => boolean): number[][] {
  const seen = new Uint8Array(d.m);
  const out: number[][] = [];
  for (let i = 0; i < d.m; i++) {
    if (seen[i] || !keep(i)) continue;
    const piece = [i];
    seen[i] = 1;
    for (let h = 0; h < piece.length; h++) {
      const p = piece[h]!;
      for (let k = 0; k < 4; k++) {
        const n = d.nbr[4 * p + k]!;
        if (n >= 0 && !seen[n] && keep(n)) {
          seen[n] = 1;
          piece.push(n);
        }
      }
    }
    out.push(piece);
  }
  return out;
}

/** How far beyond the radius of a disk of its size a region may claim in the compact pass. */
const COMPACT_FACTOR = 1.6;

export interface PartitionOptions {
  /** Where central regions cluster (lattice units); their candidates' mean when absent. */
  centre?: readonly [number, number] | undefined;
  lloydIterations: number;
  /**
   * Give every connected piece seeds in proportion to its size (unit grids: an island gets its
   * own grids); otherwise all seeds go to the largest piece and the others join a region whole.
   */
  perPiece?: boolean;
}

export interface Partition {
  /** Region index per cell (in the order given), −1 only when there are fewer cells than regions. */
  owner: Int32Array;
  /** Seed cell id per region, −1 for a region that got no cell. */
  seeds: Int32Array;
}

/**
 * Splits `cells` (ids on `l`) into `specs.length` regions, each 4-connected apart from islands
 * that no seed reaches. `centre` (lattice units) is where central regions cluster.
 */
export function partitionCells(
  l: Lattice,
  cells: ArrayLike<number>,
  specs: readonly RegionSpec[],
  opts: PartitionOptions,
  s: Scratch,
): Partition {
  const { centre, lloydIterations: iterations } = opts;
  const n = specs.length;
  const d = domainOf(l, cells, s);
  const owner = new Int32Array(d.m).fill(-1);
  const seedIds = new Int32Array(n).fill(-1);
  if (n === 0 || d.m === 0) return { owner, seeds: seedIds };
  if (d.m <= n) {
    for (let i = 0; i < d.m; i++) {
      owner[i] = i;
      seedIds[i] = cells[i]!;
    }
    return { owner, seeds: seedIds };
  }
  const parts = pieces(d, () => true);
  let seeds: number[];
  if (opts.perPiece && parts.length > 1) {
    seeds = [];
    apportion(
      parts.map((p) => p.length),
      n,
    ).forEach((k, i) => {
      if (k === 0) return;
      const cand = parts[i]!.slice().sort((a, b) => a - b);
      seeds.push(
        ...(k === 1
          ? [nearestToMean(d, cand)]
          : chooseSeeds(d, cand, specs.slice(seeds.length, seeds.length + k), undefined, iterations)),
      );
    });
  } else {
    let largest = parts[0]!;
    for (const p of parts) if (p.length > largest.length) largest = p;
    const cand =
      largest.length >= n ? largest.slice().sort((a, b) => a - b) : Array.from({ length: d.m }, (_, i) => i);
    seeds = n === 1 ? [nearestToMean(d, cand)] : chooseSeeds(d, cand, specs, centre, iterations);
  }

  // Weighted round-robin flood, event-driven: region r makes its k-th claim at time k / weight.
  // First pass: compact growth only; a region whose nearest free cell is well beyond the radius
  // of a disk of its size waits (no snaking along corridors between others). Second pass: the
  // waiting regions, in the same time order, take what is left.
  const heaps = seeds.map(() => new MinHeap());
  const size = new Int32Array(n);
  const claim = (r: number, i: number): void => {
    owner[i] = r;
    size[r]! += 1;
    const sx = d.xs[seeds[r]!]!;
    const sy = d.ys[seeds[r]!]!;
    for (let k = 0; k < 4; k++) {
      const nb = d.nbr[4 * i + k]!;
      if (nb >= 0 && owner[nb] === -1) heaps[r]!.push(d2(d, nb, sx, sy), nb);
    }
  };
  seeds.forEach((i, r) => claim(r, i));
  const clock = new MinHeap();
  const step = specs.map((x) => 1 / Math.max(x.weight, 1e-9));
  step.forEach((t, r) => clock.push(t, r));
  const time = step.slice();
  const waiting: number[] = [];
  for (let compact = true; ;) {
    if (clock.size === 0) {
      if (!compact || waiting.length === 0) break;
      compact = false;
      for (const r of waiting) clock.push(time[r]!, r);
      continue;
    }
    const r = clock.pop();
    const h = heaps[r]!;
    while (h.size > 0 && owner[h.peek()] !== -1) h.pop();
    if (h.size === 0) continue;
    if (compact && h.peekKey() > (COMPACT_FACTOR * Math.sqrt(size[r]! / Math.PI) + 2) ** 2) {
      waiting.push(r);
      continue;
    }
    claim(r, h.pop());
    time[r]! += step[r]!;
    clock.push(time[r]!, r);
  }

  // Islands: each unreached piece goes whole to the region of the nearest claimed cell.
  const claimed: number[] = [];
  for (let i = 0; i < d.m; i++) if (owner[i]! >= 0) claimed.push(i);
  for (const piece of pieces(d, (i) => owner[i] === -1)) {
    let cx = 0;
    let cy = 0;
    for (const i of piece) {
      cx += d.xs[i]! / piece.length;
      cy += d.ys[i]! / piece.length;
    }
    let best = claimed[0]!;
    let bd = Infinity;
    for (const i of claimed) {
      const v = d2(d, i, cx, cy);
      if (v < bd) {
        bd = v;
        best = i;
      }
    }
    const r = owner[best]!;
    for (const i of piece) owner[i] = r;
  }
  seeds.forEach((i, r) => (seedIds[r] = cells[i]!));
  return { owner, seeds: seedIds };
}
