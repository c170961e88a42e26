// Coordinate reference systems at the edge of the system. Everything stored and computed is WGS-84
// (CGCS2000 differs by centimetres); points arriving from Chinese web maps are GCJ-02 (AMap, Tencent)
// or BD-09 (Baidu) and are converted on the way in and out, with gcoord.
import gcoordModule from 'gcoord';
import { AppError, invalid, type FieldIssue } from '../errors.ts';

// gcoord's typings declare an ES default export, but its CommonJS build assigns module.exports, which
// is what Node hands to an ES default import; TypeScript (NodeNext) types that import as the namespace.
// Accept either shape at run time and give it the right type.
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord =
  (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

export type Crs = 'wgs84' | 'gcj02' | 'bd09';

export const CRS_VALUES: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];

const GCOORD_CRS = {
  wgs84: gcoord.WGS84,
  gcj02: gcoord.GCJ02,
  bd09: gcoord.BD09,
} as const;

/** Aliases after normalisation (lower case; spaces, '-', '_' and ':' removed). */
const ALIASES: Readonly<Record<string, Crs>> = {
  wgs84: 'wgs84',
  wgs1984: 'wgs84',
  epsg4326: 'wgs84',
  cgcs2000: 'wgs84',
  epsg4490: 'wgs84',
  gps: 'wgs84',
  gcj02: 'gcj02',
  gcj: 'gcj02',
  amap: 'gcj02',
  gaode: 'gcj02',
  高德: 'gcj02',
  tencent: 'gcj02',
  qq: 'gcj02',
  腾讯: 'gcj02',
  火星: 'gcj02',
  火星坐标: 'gcj02',
  bd09: 'bd09',
  bd09ll: 'bd09',
  baidu: 'bd09',
  bmap: 'bd09',
  百度: 'bd09',
};

/** Converts a point given in `crs` to WGS-84, returning [lng, lat]. */
export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform<[number, number]>([lng, lat], GCOORD_CRS[crs], gcoord.WGS84);
  return [x, y];
}

/** Converts a WGS-84 point to `crs` (the inverse of toWgs84), returning [lng, lat]. */
export function fromWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform<[number, number]>([lng, lat], gcoord.WGS84, GCOORD_CRS[crs]);
  return [x, y];
}

/**
 * Parses a CRS name, accepting common case-insensitive aliases ('EPSG:4326', 'CGCS2000', 'gcj-02',
 * 'amap', 'tencent', 'bd-09', 'baidu', …); anything else is a VALIDATION_FAILED on `field`.
 */
export function parseCrs(s: unknown, field = 'crs'): Crs {
  if (typeof s === 'string') {
    const key = s
      .trim()
      .toLowerCase()
      .replace(/[\s\-_:]/g, '');
    const crs = ALIASES[key];
    if (crs) return crs;
  }
  throw invalid(
    field,
    '坐标系不受支持，应为 wgs84（含 CGCS2000）、gcj02（高德/腾讯）或 bd09（百度）',
    'Unsupported coordinate system; use wgs84 (or CGCS2000), gcj02 (AMap/Tencent) or bd09 (Baidu)',
  );
}

/**
 * Checks that lng/lat are finite numbers within −180..180 and −90..90; throws VALIDATION_FAILED
 * naming `${fieldPrefix}lng` and/or `${fieldPrefix}lat`. Returns the pair for convenience.
 */
export function validateLngLat(lng: unknown, lat: unknown, fieldPrefix = ''): [number, number] {
  const issues: FieldIssue[] = [];
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    issues.push({
      field: `${fieldPrefix}lng`,
      zh: '经度必须是 -180 到 180 之间的数字',
      en: 'Longitude must be a number between -180 and 180',
    });
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    issues.push({
      field: `${fieldPrefix}lat`,
      zh: '纬度必须是 -90 到 90 之间的数字',
      en: 'Latitude must be a number between -90 and 90',
    });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues });
  return [lng as number, lat as number];
}
