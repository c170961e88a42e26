// 统计用区划代码 (NBS statistical division codes): 12 digits, 2 province + 2 city + 2 county +
// 3 township + 3 village. A code's level is read from where its trailing zeros start, and a
// region's subtree is every code that starts with its significant prefix.
import { invalid } from '../errors.ts';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

const PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** Level of a 12-digit code; undefined if it is not a well-formed code. */
export function levelOf(code: string): RegionLevel | undefined {
  if (!/^[0-9]{12}$/.test(code) || code.startsWith('00')) return undefined;
  if (code.slice(2) === '0000000000') return 'province';
  if (code.slice(4) === '00000000') return 'city';
  if (code.slice(6) === '000000') return 'county';
  if (code.slice(9) === '000') return 'township';
  return 'village';
}

/** The significant prefix: '350602000000' → '350602'. Grid codes (15+) scope as their village. */
export function scopePrefix(code: string): string {
  const level = levelOf(code.slice(0, 12));
  if (!level) throw invalid('region_code', `区划代码格式不正确：${code}`, `Malformed region code: ${code}`);
  return code.slice(0, PREFIX_LENGTH[level]);
}

/** Pads a short statistical code (4, 6, 9 or 12 digits) to its 12-digit form. */
export function padRegionCode(short: string): string {
  return short.padEnd(12, '0');
}

/** The 12-digit codes of the ancestors of a code, nearest last (province … parent). */
export function ancestorCodes(code: string): string[] {
  const level = levelOf(code);
  if (!level) return [];
  const depth = REGION_LEVELS.indexOf(level);
  return REGION_LEVELS.slice(0, depth).map((l) => padRegionCode(code.slice(0, PREFIX_LENGTH[l])));
}

/** True when `code` (a region or grid code) lies in the subtree of `root`. */
export function inSubtree(code: string, root: string): boolean {
  return code.startsWith(scopePrefix(root));
}

/** Parses a region-code input (field named for errors); accepts 4/6/9/12 digits. */
export function parseRegionCode(input: unknown, field = 'region_code'): string {
  const s = typeof input === 'string' ? input.trim() : typeof input === 'number' ? String(input) : '';
  if (!/^[0-9]+$/.test(s) || ![2, 4, 6, 9, 12].includes(s.length)) {
    throw invalid(
      field,
      '应为 2/4/6/9/12 位数字的统计用区划代码',
      'must be a 2/4/6/9/12-digit statistical division code',
    );
  }
  const code = padRegionCode(s);
  if (!levelOf(code)) throw invalid(field, '不是有效的区划代码', 'is not a valid division code');
  return code;
}
