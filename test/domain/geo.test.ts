// Spatial domain: CRS conversion, the point → polygon index, and grid-geometry validation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/domain/errors.ts';
import { fromWgs84, parseCrs, toWgs84, validateLngLat, type Crs } from '../../src/domain/geo/crs.ts';
import {
  distanceM,
  pointInGeometry,
  type AreaGeometry,
  type BBox,
  type Position,
  type Ring,
} from '../../src/domain/geo/geometry.ts';
import { SpatialIndex, linearFind, type IndexedShape } from '../../src/domain/geo/spatial-index.ts';
import {
  geometriesOverlap,
  ringSelfIntersects,
  validateAreaGeometry,
} from '../../src/domain/geo/validate-geometry.ts';

// ---------------------------------------------------------------------------------------------------
// helpers

/** Deterministic PRNG (mulberry32) so that fast-check only has to generate a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A closed star-shaped ring around (cx, cy): k vertices at the given radius range, counter-clockwise. */
function starRing(cx: number, cy: number, k: number, rMin: number, rMax: number, rnd: () => number): Ring {
  const ring: Position[] = [];
  for (let i = 0; i < k; i++) {
    const a = (i / k) * 2 * Math.PI;
    const r = rMin + (rMax - rMin) * rnd();
    ring.push([cx + Math.cos(a) * r, cy + Math.sin(a) * r]);
  }
  ring.push(ring[0]!);
  return ring;
}

function square(x0: number, y0: number, x1: number, y1: number): Ring {
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];
}

const poly = (...rings: Ring[]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

interface Scene {
  shapes: IndexedShape<number>[];
  bbox: BBox;
}

/**
 * Non-overlapping shapes on an nx × ny lattice near Zhangzhou: a star polygon in each cell (some with a
 * hole), some pairs of neighbouring cells merged into one MultiPolygon; gaps between cells.
 */
function starLattice(nx: number, ny: number, seed: number): Scene {
  const rnd = prng(seed);
  const x0 = 117 + rnd();
  const y0 = 24 + rnd();
  const cell = 0.002 + rnd() * 0.02;
  const shapes: IndexedShape<number>[] = [];
  let pending: Ring[] | null = null;
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const cx = x0 + (i + 0.5) * cell;
      const cy = y0 + (j + 0.5) * cell;
      const k = 4 + Math.floor(rnd() * 57); // 4..60 vertices
      const outer = starRing(cx, cy, k, cell * 0.2, cell * 0.48, rnd);
      const rings =
        rnd() < 0.3
          ? [outer, starRing(cx, cy, 3 + Math.floor(rnd() * 6), cell * 0.04, cell * 0.12, rnd)]
          : [outer];
      if (pending) {
        shapes.push({
          item: shapes.length,
          geometry: { type: 'MultiPolygon', coordinates: [pending, rings] },
        });
        pending = null;
      } else if (rnd() < 0.15) {
        pending = rings;
      } else {
        shapes.push({ item: shapes.length, geometry: poly(...rings) });
      }
    }
  }
  if (pending) shapes.push({ item: shapes.length, geometry: poly(...pending) });
  return { shapes, bbox: [x0 - cell, y0 - cell, x0 + (nx + 1) * cell, y0 + (ny + 1) * cell] };
}

/** A gap-free tiling by jittered quads that share their edges exactly (lots of boundary cases). */
function quadTiling(nx: number, ny: number, seed: number): Scene {
  const rnd = prng(seed);
  const cell = 0.001 + rnd() * 0.01;
  const x0 = 117.5;
  const y0 = 24.5;
  const v = (i: number, j: number): Position => {
    const r = prng(seed ^ (i * 7919 + j * 104729));
    const jx = i === 0 || i === nx ? 0 : (r() - 0.5) * 0.6;
    const jy = j === 0 || j === ny ? 0 : (r() - 0.5) * 0.6;
    return [x0 + (i + jx) * cell, y0 + (j + jy) * cell];
  };
  const shapes: IndexedShape<number>[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const ring = [v(i, j), v(i + 1, j), v(i + 1, j + 1), v(i, j + 1), v(i, j)];
      shapes.push({ item: shapes.length, geometry: poly(ring) });
    }
  }
  return { shapes, bbox: [x0 - cell, y0 - cell, x0 + (nx + 1) * cell, y0 + (ny + 1) * cell] };
}

function allVertices(shapes: IndexedShape<unknown>[]): Position[] {
  const out: Position[] = [];
  for (const s of shapes) {
    const polys = s.geometry.type === 'Polygon' ? [s.geometry.coordinates] : s.geometry.coordinates;
    for (const p of polys) for (const r of p) out.push(...r);
  }
  return out;
}

const unitPoints = fc.array(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  {
    minLength: 1,
    maxLength: 300,
  },
);

function inBox(b: BBox, [u, v]: [number, number]): [number, number] {
  return [b[0] + u * (b[2] - b[0]), b[1] + v * (b[3] - b[1])];
}

function validationField(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected AppError, got ${String(e)}`);
    assert.equal(e.code, 'VALIDATION_FAILED');
    return e.issues.map((i) => i.field);
  }
  assert.fail('expected a validation error');
}

// ---------------------------------------------------------------------------------------------------
// crs

void describe('crs', () => {
  void it('toWgs84(fromWgs84(p)) returns p within 1e-5° for points in China, for gcj02 and bd09', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73.6, max: 134.7, noNaN: true }),
        fc.double({ min: 18.2, max: 53.5, noNaN: true }),
        fc.constantFrom<Crs>('gcj02', 'bd09'),
        (lng, lat, crs) => {
          const [x, y] = fromWgs84(lng, lat, crs);
          const [bx, by] = toWgs84(x, y, crs);
          assert.ok(
            Math.abs(bx - lng) < 1e-5 && Math.abs(by - lat) < 1e-5,
            `${crs} ${lng},${lat} → ${bx},${by}`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  void it('shifts a Zhangzhou point by the known GCJ-02 offset (hundreds of metres) and BD-09 further', () => {
    const wgs: Position = [117.6472, 24.5135]; // Zhangzhou city centre
    const gcj = fromWgs84(wgs[0], wgs[1], 'gcj02');
    const bd = fromWgs84(wgs[0], wgs[1], 'bd09');
    const dGcj = distanceM(wgs, gcj);
    assert.ok(dGcj > 300 && dGcj < 700, `GCJ-02 offset ${dGcj} m`);
    assert.ok(gcj[0] > wgs[0] && gcj[1] < wgs[1], 'GCJ-02 moves Zhangzhou east and south');
    assert.ok(distanceM(wgs, bd) > dGcj + 300, 'BD-09 adds its own offset on top of GCJ-02');
    const back = toWgs84(gcj[0], gcj[1], 'gcj02');
    assert.ok(distanceM(back, wgs) < 1, 'back to WGS-84 within a metre');
  });

  void it('leaves WGS-84 alone', () => {
    assert.deepEqual(toWgs84(117.1, 24.2, 'wgs84'), [117.1, 24.2]);
    assert.deepEqual(fromWgs84(117.1, 24.2, 'wgs84'), [117.1, 24.2]);
  });

  void it('parses the usual aliases case-insensitively', () => {
    const cases: [string, Crs][] = [
      ['WGS84', 'wgs84'],
      ['wgs-84', 'wgs84'],
      ['EPSG:4326', 'wgs84'],
      ['CGCS2000', 'wgs84'],
      ['GCJ02', 'gcj02'],
      ['gcj-02', 'gcj02'],
      ['AMap', 'gcj02'],
      ['tencent', 'gcj02'],
      ['BD09', 'bd09'],
      ['bd-09', 'bd09'],
      [' Baidu ', 'bd09'],
    ];
    for (const [s, want] of cases) assert.equal(parseCrs(s), want, s);
  });

  void it('refuses unknown CRS names and non-strings, naming the field', () => {
    for (const bad of ['utm50n', '', 'EPSG:3857', 42, null, undefined]) {
      assert.deepEqual(
        validationField(() => parseCrs(bad)),
        ['crs'],
        String(bad),
      );
    }
    assert.deepEqual(
      validationField(() => parseCrs('mercator', 'body.crs')),
      ['body.crs'],
    );
  });

  void it('validateLngLat accepts the valid range and names lng / lat when out of it', () => {
    assert.deepEqual(validateLngLat(-180, 90), [-180, 90]);
    assert.deepEqual(validateLngLat(117.65, 24.51, 'location.'), [117.65, 24.51]);
    assert.deepEqual(
      validationField(() => validateLngLat(180.0001, 24)),
      ['lng'],
    );
    assert.deepEqual(
      validationField(() => validateLngLat(Number.NaN, 24)),
      ['lng'],
    );
    assert.deepEqual(
      validationField(() => validateLngLat('117', 24)),
      ['lng'],
    );
    for (const [lng, lat, field] of [
      [117, -90.5, 'lat'],
      [117, 90.5, 'lat'],
      [-180.5, 24, 'lng'],
    ] as const) {
      assert.deepEqual(
        validationField(() => validateLngLat(lng, lat)),
        [field],
      );
    }
    assert.deepEqual(
      validationField(() => validateLngLat(117, Infinity, 'p.')),
      ['p.lat'],
    );
    assert.deepEqual(
      validationField(() => validateLngLat(200, 100, 'p.')),
      ['p.lng', 'p.lat'],
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// spatial index

void describe('SpatialIndex', () => {
  void it('find agrees with linearFind on random points over random non-overlapping star lattices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        unitPoints,
        (nx, ny, seed, pts) => {
          const { shapes, bbox } = starLattice(nx, ny, seed);
          const index = SpatialIndex.build(shapes);
          assert.equal(index.size, shapes.length);
          for (const p of pts) {
            const [x, y] = inBox(bbox, p);
            assert.equal(index.find(x, y), linearFind(shapes, x, y), `at ${x},${y}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  void it('find agrees with linearFind on a shared-edge quad tiling, including every vertex and edge midpoint', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        unitPoints,
        (nx, ny, seed, pts) => {
          const { shapes, bbox } = quadTiling(nx, ny, seed);
          const index = SpatialIndex.build(shapes);
          const probes: Position[] = pts.map((p) => inBox(bbox, p));
          const verts = allVertices(shapes);
          probes.push(...verts);
          for (let i = 0; i + 1 < verts.length; i++) {
            probes.push([(verts[i]![0] + verts[i + 1]![0]) / 2, (verts[i]![1] + verts[i + 1]![1]) / 2]);
          }
          let inside = 0;
          for (const [x, y] of probes) {
            const got = index.find(x, y);
            assert.equal(got, linearFind(shapes, x, y), `at ${x},${y}`);
            if (got !== undefined) inside++;
          }
          assert.ok(inside > 0);
        },
      ),
      { numRuns: 100 },
    );
  });

  void it('findAll returns every containing shape, and find the first, with overlapping shapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer(), unitPoints, (n, seed, pts) => {
        const rnd = prng(seed);
        const shapes: IndexedShape<string>[] = [];
        for (let i = 0; i < n; i++) {
          const cx = 117 + rnd() * 0.1;
          const cy = 24 + rnd() * 0.1;
          const r = 0.005 + rnd() * 0.04;
          const outer = starRing(cx, cy, 3 + Math.floor(rnd() * 10), r * 0.5, r, rnd);
          const geometry =
            rnd() < 0.3 ? poly(outer, starRing(cx, cy, 5, r * 0.1, r * 0.3, rnd)) : poly(outer);
          shapes.push({ item: `g${i}`, geometry });
        }
        const index = SpatialIndex.build(shapes);
        for (const p of pts) {
          const [x, y] = inBox([116.95, 23.95, 117.15, 24.15], p);
          const want = shapes.filter((s) => pointInGeometry(x, y, s.geometry)).map((s) => s.item);
          assert.deepEqual(index.findAll(x, y), want);
          assert.equal(index.find(x, y), want[0]);
        }
      }),
      { numRuns: 100 },
    );
  });

  void it('findAll finds both of two overlapping grids and neither outside them', () => {
    const shapes = [
      { item: 'base', geometry: poly(square(117, 24, 117.2, 24.2)) },
      { item: 'school-zone', geometry: poly(square(117.1, 24.1, 117.3, 24.3)) },
    ];
    const index = SpatialIndex.build(shapes);
    assert.deepEqual(index.findAll(117.15, 24.15), ['base', 'school-zone']);
    assert.deepEqual(index.findAll(117.05, 24.05), ['base']);
    assert.deepEqual(index.findAll(117.25, 24.25), ['school-zone']);
    assert.deepEqual(index.findAll(117.25, 24.05), []);
    assert.equal(index.find(117.15, 24.15), 'base');
  });

  void it('search returns exactly the shapes whose bounding box intersects the query box', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer(),
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 0.5, noNaN: true }),
            fc.double({ min: 0, max: 0.5, noNaN: true }),
          ),
          { maxLength: 30 },
        ),
        (nx, ny, seed, queries) => {
          const { shapes, bbox } = starLattice(nx, ny, seed);
          const index = SpatialIndex.build(shapes);
          for (const [u, v, w, h] of queries) {
            const [x0, y0] = inBox(bbox, [u, v]);
            const q: BBox = [x0, y0, x0 + w * (bbox[2] - bbox[0]), y0 + h * (bbox[3] - bbox[1])];
            const want = shapes
              .filter((s) => {
                const polys =
                  s.geometry.type === 'Polygon' ? [s.geometry.coordinates] : s.geometry.coordinates;
                const outer = polys.flatMap((p) => p[0] ?? []);
                const xs = outer.map((pt) => pt[0]);
                const ys = outer.map((pt) => pt[1]);
                return (
                  Math.min(...xs) <= q[2] &&
                  Math.max(...xs) >= q[0] &&
                  Math.min(...ys) <= q[3] &&
                  Math.max(...ys) >= q[1]
                );
              })
              .map((s) => s.item);
            assert.deepEqual(index.search(q), want);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  void it('an empty index finds nothing', () => {
    const index = SpatialIndex.build<string>([]);
    assert.equal(index.size, 0);
    assert.equal(index.find(117.6, 24.5), undefined);
    assert.deepEqual(index.findAll(117.6, 24.5), []);
    assert.deepEqual(index.search([-180, -90, 180, 90]), []);
  });

  void it('returns undefined for points outside every shape: in a gap, in a hole, far away', () => {
    const shapes = [
      { item: 'a', geometry: poly(square(117, 24, 117.1, 24.1), square(117.04, 24.04, 117.06, 24.06)) },
      { item: 'b', geometry: poly(square(117.2, 24, 117.3, 24.1)) },
    ];
    const index = SpatialIndex.build(shapes);
    assert.equal(index.find(117.02, 24.02), 'a');
    assert.equal(index.find(117.05, 24.05), undefined); // in a's hole
    assert.equal(index.find(117.15, 24.05), undefined); // between a and b
    assert.equal(index.find(117.25, 24.05), 'b');
    assert.equal(index.find(117.25, 24.1000001), undefined); // just above b
    assert.equal(index.find(0, 0), undefined);
    assert.equal(index.find(Number.NaN, 24.05), undefined);
  });

  void it('handles a MultiPolygon with far-apart parts and shapes with empty geometry', () => {
    const shapes: IndexedShape<string>[] = [
      { item: 'empty', geometry: { type: 'Polygon', coordinates: [] } },
      {
        item: 'split',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [[square(117, 24, 117.01, 24.01)], [square(117.5, 24.5, 117.51, 24.51)]],
        },
      },
      { item: 'middle', geometry: poly(square(117.2, 24.2, 117.3, 24.3)) },
    ];
    const index = SpatialIndex.build(shapes);
    assert.equal(index.size, 3);
    assert.equal(index.find(117.505, 24.505), 'split');
    assert.equal(index.find(117.005, 24.005), 'split');
    assert.equal(index.find(117.25, 24.25), 'middle');
    assert.equal(index.find(117.4, 24.4), undefined); // inside split's overall box, in neither part
    assert.deepEqual(index.search([117.35, 24.35, 117.4, 24.4]), ['split']); // whole-shape bounding box
  });

  void it('agrees with linearFind on a 120 × 120 city-sized lattice', () => {
    const { shapes, bbox } = starLattice(120, 120, 20240601);
    const index = SpatialIndex.build(shapes);
    const rnd = prng(7);
    let hits = 0;
    for (let i = 0; i < 100; i++) {
      const [x, y] = inBox(bbox, [rnd(), rnd()]);
      const got = index.find(x, y);
      assert.equal(got, linearFind(shapes, x, y));
      if (got !== undefined) hits++;
    }
    assert.ok(hits > 20, `${hits} hits`);
  });
});

// ---------------------------------------------------------------------------------------------------
// validation

const SQ = square(117, 24, 117.01, 24.01);
const fields = (g: unknown): string[] => validateAreaGeometry(g, 'g').map((i) => i.field);

void describe('validateAreaGeometry', () => {
  void it('accepts valid shapes: square, square with hole, MultiPolygon, hole touching the shell at a vertex', () => {
    assert.deepEqual(validateAreaGeometry(poly(SQ), 'g'), []);
    assert.deepEqual(validateAreaGeometry(poly(SQ, square(117.002, 24.002, 117.004, 24.004)), 'g'), []);
    assert.deepEqual(
      validateAreaGeometry(
        { type: 'MultiPolygon', coordinates: [[SQ], [square(117.02, 24, 117.03, 24.01)]] },
        'g',
      ),
      [],
    );
    const touching: Ring = [
      [117, 24],
      [117.005, 24.003],
      [117.004, 24.005],
      [117, 24],
    ];
    assert.deepEqual(validateAreaGeometry(poly(SQ, touching), 'g'), []);
    // repeated consecutive vertices are tolerated
    const dup: Ring = [SQ[0]!, SQ[1]!, SQ[1]!, SQ[2]!, SQ[3]!, SQ[0]!];
    assert.deepEqual(validateAreaGeometry(poly(dup), 'g'), []);
  });

  void it('refuses non-objects and wrong types', () => {
    assert.deepEqual(fields(null), ['g']);
    assert.deepEqual(fields('POLYGON((…))'), ['g']);
    assert.deepEqual(fields([SQ]), ['g']);
    assert.deepEqual(fields({ type: 'Point', coordinates: [117, 24] }), ['g.type']);
    assert.deepEqual(fields({ type: 'LineString', coordinates: SQ }), ['g.type']);
    assert.deepEqual(fields({ coordinates: [SQ] }), ['g.type']);
    assert.deepEqual(fields({ type: 'Polygon' }), ['g.coordinates']);
    assert.deepEqual(fields({ type: 'Polygon', coordinates: [] }), ['g.coordinates']);
    assert.deepEqual(fields({ type: 'MultiPolygon', coordinates: [] }), ['g.coordinates']);
    assert.deepEqual(fields({ type: 'MultiPolygon', coordinates: [SQ[0]] }), [
      'g.coordinates[0][0]',
      'g.coordinates[0][1]',
    ]);
  });

  void it('names short and unclosed rings', () => {
    const short = validateAreaGeometry(poly([SQ[0]!, SQ[1]!, SQ[0]!]), 'g');
    assert.deepEqual(
      short.map((i) => i.field),
      ['g.coordinates[0]'],
    );
    assert.match(short[0]!.en, /at least 4 positions/);
    assert.deepEqual(fields(poly(SQ.slice(0, 4))), ['g.coordinates[0]']);
    assert.deepEqual(fields({ type: 'MultiPolygon', coordinates: [[SQ], [SQ, SQ.slice(0, 4)]] }), [
      'g.coordinates[1][1]',
    ]);
    const issue = validateAreaGeometry(poly(SQ.slice(0, 4)), 'g')[0]!;
    assert.match(issue.en, /not closed/);
    assert.match(issue.zh, /未闭合/);
  });

  void it('names each non-numeric or out-of-range coordinate', () => {
    const bad = [
      SQ[0],
      SQ[1],
      ['117.01', 24.01],
      [117, 90.5],
      [180.5, 24],
      [-180.5, 24],
      [117, -90.5],
      SQ[0],
    ];
    assert.deepEqual(fields({ type: 'Polygon', coordinates: [bad] }), [
      'g.coordinates[0][2]',
      'g.coordinates[0][3]',
      'g.coordinates[0][4]',
      'g.coordinates[0][5]',
      'g.coordinates[0][6]',
    ]);
    const edge = [
      [-180, -90],
      [180, -90],
      [180, 90],
      [-180, -90],
    ];
    assert.deepEqual(fields({ type: 'Polygon', coordinates: [edge] }), []);
    assert.deepEqual(
      fields({ type: 'Polygon', coordinates: [[SQ[0], [117, Number.NaN], SQ[2], SQ[3], SQ[0]]] }),
      ['g.coordinates[0][1]'],
    );
    assert.deepEqual(fields({ type: 'Polygon', coordinates: [[SQ[0], [117], SQ[2], SQ[3], SQ[0]]] }), [
      'g.coordinates[0][1]',
    ]);
    assert.deepEqual(fields({ type: 'Polygon', coordinates: [SQ, 'hole'] }), ['g.coordinates[1]']);
  });

  void it('catches a figure-eight (bow-tie) ring', () => {
    const bowtie: Ring = [
      [117, 24],
      [117.01, 24.01],
      [117.01, 24],
      [117, 24.01],
      [117, 24],
    ];
    assert.equal(ringSelfIntersects(bowtie), true);
    const issues = validateAreaGeometry(poly(bowtie), 'g');
    assert.ok(issues.length > 0);
    assert.ok(issues.every((i) => i.field === 'g.coordinates[0]'));
    assert.ok(issues.some((i) => /intersects itself/.test(i.en) && /自相交/.test(i.zh)));
  });

  void it('catches a ring touching itself and a spike', () => {
    const touching: Ring = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 0], // touches the first edge
      [0, 4],
      [0, 0],
    ];
    assert.equal(ringSelfIntersects(touching), true);
    assert.deepEqual(fields(poly(touching)), ['g.coordinates[0]']);
    const spike: Ring = [
      [0, 0],
      [4, 0],
      [4, 4],
      [4, 6], // …goes up to (4, 6)
      [4, 5], // …and back down the same line
      [0, 4],
      [0, 0],
    ];
    assert.equal(ringSelfIntersects(spike), true);
    assert.equal(ringSelfIntersects(SQ), false);
  });

  void it('reports zero area', () => {
    const line: Ring = [
      [117, 24],
      [117.01, 24.01],
      [117.02, 24.02],
      [117, 24],
    ];
    const issues = validateAreaGeometry(poly(line), 'g');
    assert.ok(issues.some((i) => i.field === 'g.coordinates[0]' && /zero area/.test(i.en)));
  });

  void it('names holes outside or crossing their shell', () => {
    assert.deepEqual(fields(poly(SQ, square(117.02, 24, 117.03, 24.01))), ['g.coordinates[1]']);
    assert.deepEqual(fields(poly(SQ, square(117.005, 24.005, 117.015, 24.015))), ['g.coordinates[1]']);
    assert.deepEqual(
      fields(poly(SQ, square(117.001, 24.001, 117.002, 24.002), square(116.9, 23.9, 117.2, 24.2))),
      ['g.coordinates[2]'],
    );
  });

  void it('the sweep agrees with a brute-force exact check on random small integer rings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), {
          minLength: 3,
          maxLength: 12,
        }),
        (pts) => {
          const ring: Ring = [...pts, pts[0]!];
          assert.equal(ringSelfIntersects(ring), bruteSelfIntersects(ring), JSON.stringify(ring));
        },
      ),
      { numRuns: 3000 },
    );
  });

  void it('validates a 5,000-vertex circle quickly and finds one dent that crosses it', () => {
    const n = 5000;
    const ring: Position[] = [];
    for (let i = 0; i < n; i++) {
      const a = (i / n) * 2 * Math.PI;
      ring.push([117.65 + 0.05 * Math.cos(a), 24.51 + 0.05 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const t0 = performance.now();
    assert.deepEqual(validateAreaGeometry(poly(ring), 'g'), []);
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `took ${ms} ms`);
    assert.equal(ringSelfIntersects(ring), false);
    // push one vertex across the circle: now the ring crosses itself
    const dented = ring.slice();
    dented[1234] = [117.65 - 0.06, 24.51];
    assert.equal(ringSelfIntersects(dented), true);
  });
});

void describe('geometriesOverlap', () => {
  void it('is true for overlapping or nested grids and false for neighbours, disjoint ones and slivers', () => {
    assert.equal(geometriesOverlap(poly(SQ), poly(square(117.005, 24.005, 117.015, 24.015))), true);
    assert.equal(geometriesOverlap(poly(SQ), poly(square(117.002, 24.002, 117.004, 24.004))), true);
    assert.equal(geometriesOverlap(poly(SQ), poly(square(117.01, 24, 117.02, 24.01))), false); // shares an edge
    assert.equal(geometriesOverlap(poly(SQ), poly(square(117.5, 24, 117.6, 24.01))), false);
    // a 0.1 m × 5.5 m sliver along the shared edge: under the 1 m² tolerance
    assert.equal(geometriesOverlap(poly(SQ), poly(square(117.01 - 1e-6, 24, 117.02, 24.00005))), false);
    // inside the other's hole
    const donut = poly(SQ, square(117.002, 24.002, 117.008, 24.008));
    assert.equal(geometriesOverlap(donut, poly(square(117.003, 24.003, 117.007, 24.007))), false);
    assert.equal(geometriesOverlap(donut, poly(square(117.001, 24.003, 117.007, 24.007))), true);
  });
});

// ---------------------------------------------------------------------------------------------------
// brute-force reference for ring simplicity, in exact integer arithmetic and a different formulation:
// solve for the intersection parameters instead of using orientation signs.

function bruteSelfIntersects(ring: Ring): boolean {
  const pts: Position[] = [];
  for (const p of ring.slice(0, -1)) {
    const q = pts[pts.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1])
    pts.pop();
  const m = pts.length;
  if (m < 3) return true;
  const edge = (k: number): [Position, Position] => [pts[k]!, pts[(k + 1) % m]!];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const [p, p2] = edge(a);
      const [q, q2] = edge(b);
      const adjacent = (a + 1) % m === b || (b + 1) % m === a;
      const overlapLen = collinearOverlap(p, p2, q, q2);
      if (adjacent) {
        if (overlapLen > 0) return true;
      } else if (overlapLen >= 0 || properOrTouching(p, p2, q, q2)) {
        return true;
      }
    }
  }
  return false;
}

/** For collinear segments, the length of their common stretch along the dominant axis (−1 when disjoint or not collinear). */
function collinearOverlap(p: Position, p2: Position, q: Position, q2: Position): number {
  const rx = p2[0] - p[0];
  const ry = p2[1] - p[1];
  const cross = (ax: number, ay: number, bx: number, by: number): number => ax * by - ay * bx;
  if (cross(rx, ry, q[0] - p[0], q[1] - p[1]) !== 0 || cross(rx, ry, q2[0] - p[0], q2[1] - p[1]) !== 0)
    return -1;
  const ax = Math.abs(rx) >= Math.abs(ry) ? 0 : 1;
  const lo = Math.max(Math.min(p[ax], p2[ax]), Math.min(q[ax], q2[ax]));
  const hi = Math.min(Math.max(p[ax], p2[ax]), Math.max(q[ax], q2[ax]));
  return hi >= lo ? hi - lo : -1;
}

/** Non-parallel segments meet: p + t r = q + u s with 0 ≤ t, u ≤ 1, compared as fractions. */
function properOrTouching(p: Position, p2: Position, q: Position, q2: Position): boolean {
  const r = [p2[0] - p[0], p2[1] - p[1]] as const;
  const s = [q2[0] - q[0], q2[1] - q[1]] as const;
  const den = r[0] * s[1] - r[1] * s[0];
  if (den === 0) return false; // parallel: handled by collinearOverlap
  const qp = [q[0] - p[0], q[1] - p[1]] as const;
  let tNum = qp[0] * s[1] - qp[1] * s[0];
  let uNum = qp[0] * r[1] - qp[1] * r[0];
  let d = den;
  if (d < 0) {
    d = -d;
    tNum = -tNum;
    uNum = -uNum;
  }
  return tNum >= 0 && tNum <= d && uNum >= 0 && uNum <= d;
}
