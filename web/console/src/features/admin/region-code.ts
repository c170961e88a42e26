// Region codes on the client: the 12-digit 统计用区划代码 and the prefix that stands for its
// subtree (350602000000 → 350602), as src/domain/regions/region-code.ts does on the server.
const LEVEL_LENGTHS = [2, 4, 6, 9, 12];

/** The meaningful prefix of a code: 350000000000 → 35, 350602005000 → 350602005. */
export function regionPrefix(code: string): string {
  for (const n of LEVEL_LENGTHS) if (/^0*$/.test(code.slice(n))) return code.slice(0, n);
  return code;
}

/** Is `code` inside (or equal to) the subtree of `root`? */
export function inRegion(code: string, root: string): boolean {
  return code.startsWith(regionPrefix(root));
}

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
