// Unit grids generated for the real Zhangzhou (3506) and Quanzhou (3505): counts, codes and reading
// order, no overlaps, inside the county, every village covered, sizes, determinism, timings.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import pc from 'polygon-clipping';
import { AppError } from '../../src/domain/errors.ts';
import { areaM2, bboxOf, polygonsOf, type AreaGeometry, type BBox } from '../../src/domain/geo/geometry.ts';
import {
  DEFAULT_GENERATE_OPTIONS,
  generateGrids,
  villageShortName,
  type GenerateInput,
  type GeneratedCity,
  type GeneratedGrid,
} from '../../src/domain/grids/generate-grids.ts';
import { clipPolygonsToRect } from '../../src/domain/grids/clip.ts';
import { readingRow } from '../../src/domain/grids/lattice.ts';
import { loadCityGridInput, matchOutlines } from '../../src/store/reference/city-outlines.ts';
import { loadCityDivisions } from '../../src/store/reference/divisions.ts';

type Geom = Parameters<typeof pc.intersection>[0];
const geom = (g: AreaGeometry): Geom => polygonsOf(g) as unknown as Geom;
/**
 * Planar area in m² (local equirectangular) of a clipping result. Not areaM2: its spherical
 * formula gives a needle of collinear points (the usual leftover of an overlay) ~0.1 m².
 */
function mpArea(m: ReturnType<typeof pc.intersection>): number {
  let a = 0;
  for (const poly of m) {
    for (const ring of poly) {
      let s = 0;
      for (let i = 0; i + 1 < ring.length; i++)
        s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      const k = Math.cos(((ring[0]?.[1] ?? 0) * Math.PI) / 180);
      a += (s / 2) * 111_320 * 111_320 * k;
    }
  }
  return Math.abs(a);
}

/**
 * polygon-clipping 0.15 sometimes throws ("Unable to find segment … in SweepLine tree") when a
 * vertex lies within rounding error of the other polygon's edge, as clipped grid vertices lie on
 * the county outline. Such a check is retried on coordinates rounded to 1e-12° (~0.1 µm).
 */
let retried = 0;
function clipArea(op: 'intersection' | 'difference', a: AreaGeometry, b: AreaGeometry): number {
  try {
    return mpArea(pc[op](geom(a), geom(b)));
  } catch {
    retried++;
    const round = (g: AreaGeometry): Geom =>
      polygonsOf(g).map((p) =>
        p.map((r) => r.map(([x, y]) => [Math.round(x * 1e12) / 1e12, Math.round(y * 1e12) / 1e12])),
      );
    return mpArea(pc[op](round(a), round(b)));
  }
}

function quantiles(xs: number[]): string {
  const a = xs.slice().sort((p, q) => p - q);
  const at = (p: number): string => (a[Math.min(a.length - 1, Math.floor(p * a.length))]! / 1e6).toFixed(3);
  return `n=${a.length} min=${at(0)} median=${at(0.5)} p95=${at(0.95)} max=${at(1)} km²`;
}

interface Run {
  input: GenerateInput;
  city: GeneratedCity;
  warnings: string[];
  ioMs: number;
  genMs: number;
}

function run(cityCode: string): Run {
  let t = performance.now();
  const { input, warnings } = loadCityGridInput(cityCode);
  const ioMs = performance.now() - t;
  t = performance.now();
  const city = generateGrids(input);
  const genMs = performance.now() - t;
  return { input, city, warnings, ioMs, genMs };
}

/** Pairs of grids whose bounding boxes meet (sort and sweep on minLng). */
function bboxPairs(grids: GeneratedGrid[]): [number, number][] {
  const boxes = grids.map((g) => bboxOf(g.geometry));
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]![0] - boxes[b]![0]);
  const pairs: [number, number][] = [];
  const active: number[] = [];
  for (const i of order) {
    const b = boxes[i]!;
    for (let k = active.length - 1; k >= 0; k--) if (boxes[active[k]!]![2] < b[0]) active.splice(k, 1);
    for (const j of active) {
      const o: BBox = boxes[j]!;
      if (o[1] <= b[3] && b[1] <= o[3]) pairs.push([j, i]);
    }
    active.push(i);
  }
  return pairs;
}

void describe('grid generation: Zhangzhou 3506', () => {
  let zz: Run;
  before(() => {
    zz = run('3506');
    console.log(
      `Zhangzhou: I/O ${zz.ioMs.toFixed(0)} ms, generation ${zz.genMs.toFixed(0)} ms, ${zz.city.grids.length} grids`,
    );
    for (const w of [...zz.warnings, ...zz.city.warnings]) console.log(`  warning: ${w}`);
  });

  void it('reads the divisions with 12-digit codes and kinds; unknown cities are refused', () => {
    const d = loadCityDivisions('3506');
    assert.equal(d.city.code, '350600000000');
    assert.equal(d.city.name, '漳州市');
    assert.equal(d.province.name, '福建省');
    const xc = d.counties.find((c) => c.code === '350602000000');
    const nk = xc?.townships.find((t) => t.code === '350602005000');
    assert.equal(nk?.name, '南坑街道');
    assert.equal(nk?.kind, 'street');
    assert.ok(nk.villages.every((v) => /^35060200500[0-9]$|^350602005[0-9]{3}$/.test(v.code)));
    assert.equal(d.counties.flatMap((c) => c.townships).find((t) => t.name === '浦南镇')?.kind, 'town');
    assert.equal(d.counties.flatMap((c) => c.townships).find((t) => t.name === '天宝林场')?.kind, 'other');
    const kinds = new Set(
      d.counties.flatMap((c) => c.townships.flatMap((t) => t.villages.map((v) => v.kind))),
    );
    assert.deepEqual([...kinds].sort(), ['community', 'other', 'village']);
    assert.throws(
      () => loadCityDivisions('9999'),
      (e) => e instanceof AppError && e.code === 'REGION_NOT_FOUND',
    );
  });

  void it('matches the older outlines by name (龙海市 → 龙海区, 长泰县 → 长泰区)', () => {
    const names = zz.input.counties.map((c) => c.name);
    assert.ok(names.includes('龙海区') && names.includes('长泰区'));
    assert.equal(zz.input.counties.length, 11);
    const m = matchOutlines(
      [{ name: '龙海区' }, { name: '金门县' }],
      [{ name: '龙海市', geometry: zz.input.counties[0]!.outline }],
    );
    assert.equal(m.matched.length, 1);
    assert.deepEqual(m.countiesWithoutOutline, [{ name: '金门县' }]);
  });

  void it('makes between 8,000 and 20,000 grids', () => {
    assert.ok(zz.city.grids.length >= 8_000 && zz.city.grids.length <= 20_000, String(zz.city.grids.length));
  });

  void it('codes: real village, 15 digits, unique, 001..N in reading order; names', () => {
    const villageOf = new Map<string, { t: string; c: string; name: string }>();
    for (const c of zz.input.counties)
      for (const t of c.townships)
        for (const v of t.villages) villageOf.set(v.code, { t: t.code, c: c.code, name: v.name });
    const codes = new Set<string>();
    const byVillage = new Map<string, GeneratedGrid[]>();
    for (const g of zz.city.grids) {
      const v = villageOf.get(g.villageCode);
      assert.ok(v, `unknown village ${g.villageCode}`);
      assert.equal(g.townshipCode, v.t);
      assert.equal(g.countyCode, v.c);
      assert.match(g.code, /^[0-9]{15}$/);
      assert.ok(g.code.startsWith(g.villageCode));
      assert.ok(!codes.has(g.code), `duplicate ${g.code}`);
      codes.add(g.code);
      const list = byVillage.get(g.villageCode) ?? [];
      list.push(g);
      byVillage.set(g.villageCode, list);
    }
    const cell = DEFAULT_GENERATE_OPTIONS.cellSizeM;
    for (const [vc, list] of byVillage) {
      list.sort((a, b) => (a.code < b.code ? -1 : 1));
      list.forEach((g, i) => {
        assert.equal(g.code.slice(12), String(i + 1).padStart(3, '0'));
        assert.equal(g.name, `${villageShortName(villageOf.get(vc)!.name)}第${i + 1}网格`);
        const prev = list[i - 1];
        if (!prev) return;
        const rp = readingRow(prev.centroid[1], cell);
        const rg = readingRow(g.centroid[1], cell);
        assert.ok(
          rp > rg || (rp === rg && prev.centroid[0] < g.centroid[0]),
          `${prev.code} before ${g.code}`,
        );
      });
    }
    assert.equal(zz.city.grids.find((g) => g.villageCode === '350602001003')?.name, '东铺头社区第1网格');
  });

  void it('no two grids overlap by 1 m² or more (all bbox-meeting pairs)', () => {
    const t = performance.now();
    const grids = zz.city.grids;
    const pairs = bboxPairs(grids);
    let worst = 0;
    for (const [i, j] of pairs) {
      const a = clipArea('intersection', grids[i]!.geometry, grids[j]!.geometry);
      if (a > worst) worst = a;
      assert.ok(a < 1, `${grids[i]!.code} ∩ ${grids[j]!.code} = ${a.toFixed(2)} m²`);
    }
    console.log(
      `  overlap check: ${pairs.length} pairs, worst ${worst.toExponential(2)} m², ${(performance.now() - t).toFixed(0)} ms, ${retried} retried rounded`,
    );
  });

  void it('grids lie inside their county outline (every 5th grid and all of 东山县)', () => {
    // The outline is first cut to the grid's box (plain Sutherland–Hodgman: exact for a rectangle),
    // else each difference would sweep all of a county's thousands of vertices.
    const t = performance.now();
    const outline = new Map(zz.input.counties.map((c) => [c.code, c.outline]));
    const sample = zz.city.grids.filter((g, i) => i % 5 === 0 || g.countyCode === '350626000000');
    let worst = 0;
    for (const g of sample) {
      const [x0, y0, x1, y1] = bboxOf(g.geometry);
      const box: BBox = [x0 - 1e-3, y0 - 1e-3, x1 + 1e-3, y1 + 1e-3];
      const cut = clipPolygonsToRect(polygonsOf(outline.get(g.countyCode)!), box);
      const out =
        cut.length === 0
          ? g.areaM2
          : clipArea('difference', g.geometry, { type: 'MultiPolygon', coordinates: cut });
      worst = Math.max(worst, out);
      assert.ok(out < 1, `${g.code} sticks out by ${out.toFixed(2)} m²`);
    }
    console.log(
      `  inside check: ${sample.length} grids, worst ${worst.toExponential(2)} m², ${(performance.now() - t).toFixed(0)} ms`,
    );
  });

  void it('every village of every county with an outline has a grid; villages and townships have shapes', () => {
    const withGrid = new Set(zz.city.grids.map((g) => g.villageCode));
    let villages = 0;
    for (const c of zz.input.counties) {
      for (const t of c.townships) {
        for (const v of t.villages) {
          villages++;
          assert.ok(withGrid.has(v.code), `${v.code} ${v.name} has no grid`);
          assert.ok(zz.city.villages.has(v.code));
        }
        if (t.villages.length > 0) assert.ok(zz.city.townships.has(t.code), t.code);
      }
    }
    assert.equal(villages, 2135);
    // A village's shape is the union of its grids: same area (up to the spherical area formula,
    // which is not exactly invariant under extra collinear vertices: ~1e-6 relative).
    const sum = new Map<string, number>();
    for (const g of zz.city.grids) sum.set(g.villageCode, (sum.get(g.villageCode) ?? 0) + g.areaM2);
    for (const [code, shape] of zz.city.villages) {
      const a = areaM2(shape);
      assert.ok(Math.abs(a - sum.get(code)!) < 1 + a * 1e-5, `${code}: ${a} vs ${sum.get(code)}`);
    }
  });

  void it('南坑街道 (350602005000) exists and has grids', () => {
    assert.ok(zz.city.townships.has('350602005000'));
    const n = zz.city.grids.filter((g) => g.townshipCode === '350602005000').length;
    assert.ok(n > 0);
    console.log(
      `  南坑街道: ${n} grids, ${(areaM2(zz.city.townships.get('350602005000')!) / 1e6).toFixed(2)} km²`,
    );
  });

  void it('grid areas are mostly within 0.05–2 km²', () => {
    const streets = new Set(
      zz.input.counties.flatMap((c) => c.townships.filter((t) => t.kind === 'street').map((t) => t.code)),
    );
    const all = zz.city.grids.map((g) => g.areaM2);
    const inRange = all.filter((a) => a >= 0.05e6 && a <= 2e6).length;
    console.log(
      `  streets: ${quantiles(zz.city.grids.filter((g) => streets.has(g.townshipCode)).map((g) => g.areaM2))}`,
    );
    console.log(
      `  others:  ${quantiles(zz.city.grids.filter((g) => !streets.has(g.townshipCode)).map((g) => g.areaM2))}`,
    );
    console.log(`  within 0.05–2 km²: ${((100 * inRange) / all.length).toFixed(2)}%`);
    assert.ok(inRange / all.length >= 0.98);
  });

  void it('is deterministic (东山县, islands, twice)', () => {
    const county = zz.input.counties.find((c) => c.name === '东山县')!;
    const a = generateGrids({ counties: [county] });
    const b = generateGrids({ counties: [county] });
    assert.ok(a.grids.length > 0);
    assert.deepEqual(a, b);
  });
});

void describe('grid generation: Quanzhou 3505', () => {
  void it('generates, reporting counties without an outline as warnings', () => {
    const qz = run('3505');
    console.log(
      `Quanzhou: I/O ${qz.ioMs.toFixed(0)} ms, generation ${qz.genMs.toFixed(0)} ms, ${qz.city.grids.length} grids`,
    );
    for (const w of [...qz.warnings, ...qz.city.warnings]) console.log(`  warning: ${w}`);
    const streets = new Set(
      qz.input.counties.flatMap((c) => c.townships.filter((t) => t.kind === 'street').map((t) => t.code)),
    );
    console.log(
      `  streets: ${quantiles(qz.city.grids.filter((g) => streets.has(g.townshipCode)).map((g) => g.areaM2))}`,
    );
    console.log(
      `  others:  ${quantiles(qz.city.grids.filter((g) => !streets.has(g.townshipCode)).map((g) => g.areaM2))}`,
    );
    assert.ok(qz.city.grids.length >= 8_000 && qz.city.grids.length <= 20_000, String(qz.city.grids.length));
    const codes = new Set(qz.city.grids.map((g) => g.code));
    assert.equal(codes.size, qz.city.grids.length);
    const villages = qz.input.counties.flatMap((c) => c.townships.flatMap((t) => t.villages));
    const withGrid = new Set(qz.city.grids.map((g) => g.villageCode));
    const missing = villages.filter((v) => !withGrid.has(v.code));
    for (const v of missing)
      assert.ok(
        qz.city.warnings.some((w) => w.includes(v.code)),
        `${v.code} missing silently`,
      );
    assert.ok(missing.length <= villages.length * 0.01);
  });
});
