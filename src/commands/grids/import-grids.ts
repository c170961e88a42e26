// Imports real grid boundaries from a GeoJSON FeatureCollection (properties: code, name,
// village_code), replacing the generated grids of the villages it covers. Every feature is
// checked first — code format and uniqueness, village exists and prefixes the code, geometry
// valid (closed, not self-intersecting), inside some village of the city, no overlap with
// another feature — and every problem is reported with its line; then all or nothing is written.
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import { areaM2, bboxOf, type AreaGeometry } from '../../domain/geo/geometry.ts';
import { SpatialIndex } from '../../domain/geo/spatial-index.ts';
import { geometriesOverlap, validateAreaGeometry } from '../../domain/geo/validate-geometry.ts';
import { featureStartLines, jsonErrorPosition } from '../../domain/grids/geojson-lines.ts';
import { interiorPoint } from '../../domain/grids/interior-point.ts';
import { appendAudit } from '../../store/audit-store.ts';
import {
  bumpRevision,
  deleteVillageGridsExcept,
  upsertGrids,
  type GridInput,
} from '../../store/grid-store.ts';
import { villageShapes } from '../../store/region-store.ts';
import type { Actor, AppContext } from '../context.ts';

export interface ImportGridsResult {
  imported: number;
  replaced: number;
  villages: number;
}

interface Candidate {
  index: number;
  line: number;
  code: string;
  name: string;
  village: string;
  geometry: AreaGeometry;
}

export async function importGrids(
  ctx: AppContext,
  text: string,
  actor: Actor | null,
): Promise<ImportGridsResult> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorPosition(text, e);
    throw new AppError('IMPORT_REJECTED', {
      issues: [
        {
          field: 'file',
          zh: `不是有效的 JSON${at ? `（第 ${at.line} 行第 ${at.column} 列）` : ''}`,
          en: `is not valid JSON${at ? ` (line ${at.line}, column ${at.column})` : ''}`,
          ...(at ? { line: at.line } : {}),
        },
      ],
    });
  }
  const features = (doc as { type?: unknown; features?: unknown })?.features;
  if ((doc as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new AppError('IMPORT_REJECTED', {
      issues: [
        { field: 'file', zh: '应为 GeoJSON FeatureCollection', en: 'must be a GeoJSON FeatureCollection' },
      ],
    });
  }
  if (features.length === 0) {
    throw new AppError('IMPORT_REJECTED', {
      issues: [{ field: 'features', zh: '没有任何网格', en: 'contains no grid' }],
    });
  }
  const lines = featureStartLines(text);
  const villages = await villageShapes(ctx.db, ctx.config.cityCode);
  const villageByCode = new Map(villages.map((v) => [v.code, v.geometry]));
  const villageIndex = SpatialIndex.build(villages.map((v) => ({ item: v.code, geometry: v.geometry })));
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  const ok: Candidate[] = [];
  features.forEach((f: unknown, index) => {
    const line = lines[index] ?? index + 1;
    const at = `features[${index}]`;
    const push = (field: string, zh: string, en: string) =>
      issues.push({ field: `${at}.${field}`, zh, en, line });
    const p = ((f as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>;
    const code = typeof p.code === 'string' ? p.code.trim() : '';
    const name = typeof p.name === 'string' ? p.name.trim() : '';
    const village = typeof p.village_code === 'string' ? p.village_code.trim() : '';
    const before = issues.length;
    if (!/^[0-9]{15}$/.test(code))
      push(
        'properties.code',
        '网格编码应为 15 位数字（12 位村社区代码 + 3 位序号）',
        'must be 15 digits (12-digit village code + 3-digit sequence)',
      );
    else if (seen.has(code))
      push(
        'properties.code',
        `与第 ${seen.get(code)} 行的网格编码重复`,
        `duplicates the code on line ${seen.get(code)}`,
      );
    if (!name || name.length > 100)
      push('properties.name', '名称不能为空且不超过 100 字', 'must be 1–100 characters');
    if (!villageByCode.has(village))
      push(
        'properties.village_code',
        `村/社区 ${village || '(空)'} 不存在或没有边界`,
        `village ${village || '(empty)'} does not exist or has no outline`,
      );
    else if (code && !code.startsWith(village))
      push('properties.code', '网格编码须以所属村/社区代码开头', 'must start with its village code');
    const geomIssues = validateAreaGeometry((f as { geometry?: unknown })?.geometry, `${at}.geometry`);
    for (const g of geomIssues) issues.push({ ...g, line });
    if (code) seen.set(code, line);
    if (issues.length > before) return;
    const geometry = (f as { geometry: AreaGeometry }).geometry;
    const [x, y] = interiorPoint(geometry);
    if (!villageIndex.findAll(x, y).length) {
      push('geometry', '不在本市任何村/社区范围内', 'lies outside every village of this city');
      return;
    }
    ok.push({ index, line, code, name, village, geometry });
  });
  const overlapIndex = SpatialIndex.build(ok.map((c) => ({ item: c, geometry: c.geometry })));
  for (const c of ok) {
    for (const other of overlapIndex.search(bboxOf(c.geometry))) {
      if (other.index <= c.index || !geometriesOverlap(c.geometry, other.geometry)) continue;
      issues.push({
        field: `features[${other.index}].geometry`,
        zh: `与第 ${c.line} 行的网格 ${c.code} 重叠`,
        en: `overlaps grid ${c.code} on line ${c.line}`,
        line: other.line,
      });
    }
  }
  if (issues.length)
    throw new AppError('IMPORT_REJECTED', {
      issues,
      details: { features: features.length, rejected: new Set(issues.map((i) => i.line)).size },
    });
  const now = ctx.clock.now();
  const grids: GridInput[] = ok.map((c) => ({
    code: c.code,
    name: c.name,
    kind: 'basic',
    specialty: null,
    region_code: c.village,
    geometry: c.geometry,
    area_m2: areaM2(c.geometry),
    bbox: bboxOf(c.geometry),
    source: 'imported',
  }));
  const touched = [...new Set(ok.map((c) => c.village))];
  const replaced = await ctx.db.tx(async (q) => {
    const removed = await deleteVillageGridsExcept(
      q,
      touched,
      grids.map((g) => g.code),
    );
    await upsertGrids(q, grids, now);
    await bumpRevision(q, 'grids', now);
    await appendAudit(q, {
      at: now,
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? 'cli',
      action: 'grids.import',
      outcome: 'ok',
      details: { imported: grids.length, removed, villages: touched.length },
    });
    return removed;
  });
  await ctx.locator.refresh(true);
  return { imported: grids.length, replaced, villages: touched.length };
}
