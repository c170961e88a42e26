// The console's .xlsx writer (web/console/src/lib/xlsx): a workbook with Chinese text, numbers,
// percentages and awkward strings is read back by a real reader (exceljs) and, when LibreOffice is
// installed, converted to CSV by it; the zip parts are the ones of the OOXML package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import {
  columnName,
  sheetNames,
  writeXlsx,
  type XlsxSheet,
} from '../web/console/src/lib/xlsx/xlsx-writer.ts';

const sheet: XlsxSheet = {
  name: '按区域 2026年3月',
  columns: [
    { header: '名称', kind: 'text' },
    { header: '上报数', kind: 'integer' },
    { header: '结案率', kind: 'percent' },
    { header: '平均时长', kind: 'number' },
  ],
  rows: [
    ['芗城区', 1234, 0.9531, 2.5],
    ['龙文区 <&> "引号"', 0, null, 0],
    ['  空格  ', 7, 1, -1.25],
    ['换行\n第二行', 1_000_000, 0, 3],
    ['—', 3, '—', null],
  ],
};

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

void test('column letters and sheet names', () => {
  assert.deepEqual([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName), [
    'A',
    'B',
    'Z',
    'AA',
    'AB',
    'AZ',
    'BA',
    'ZZ',
    'AAA',
  ]);
  assert.deepEqual(sheetNames(['a/b', 'A/B', '', 'x'.repeat(40)]), [
    'a b',
    'A B (2)',
    'Sheet3',
    'x'.repeat(31),
  ]);
});

void test('the package has the OOXML parts, with inline strings, a bold header and a percent format', () => {
  const files = unzipSync(writeXlsx(sheet));
  for (const part of [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/worksheets/sheet1.xml',
    'xl/styles.xml',
  ]) {
    assert.ok(files[part], `${part} is in the zip`);
  }
  const xml = strFromU8(files['xl/worksheets/sheet1.xml']!);
  assert.match(xml, /<c r="A2" t="inlineStr"><is><t>芗城区<\/t><\/is><\/c>/);
  assert.match(xml, /<c r="B2" s="2"><v>1234<\/v><\/c>/);
  assert.match(xml, /<c r="C2" s="4"><v>0.9531<\/v><\/c>/);
  assert.match(xml, /龙文区 &lt;&amp;&gt; &quot;引号&quot;/);
  const styles = strFromU8(files['xl/styles.xml']!);
  assert.match(styles, /<font><b\/>/);
  assert.match(styles, /formatCode="0.0%"/);
});

void test('exceljs reads back every cell: Chinese text, numbers, percentages, blanks', async () => {
  const wb = await readBack(writeXlsx([sheet, { ...sheet, name: '第二页' }], { creator: '测试' }));
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['按区域 2026年3月', '第二页'],
  );
  assert.equal(wb.creator, '测试');
  const ws = wb.worksheets[0]!;
  const header = ws.getRow(1);
  assert.deepEqual(
    [1, 2, 3, 4].map((c) => header.getCell(c).value),
    ['名称', '上报数', '结案率', '平均时长'],
  );
  assert.equal(header.getCell(1).font?.bold, true);
  const values = sheet.rows.map((_, r) =>
    [1, 2, 3, 4].map((c) => {
      const v = ws.getRow(r + 2).getCell(c).value;
      return v === null || v === undefined ? null : v;
    }),
  );
  assert.deepEqual(
    values,
    sheet.rows.map((r) => r.map((v) => (v === undefined ? null : v))),
  );
  assert.equal(ws.getCell('C2').numFmt, '0.0%');
  assert.equal(ws.getCell('B2').numFmt, '#,##0');
  assert.equal(ws.rowCount, sheet.rows.length + 1);
  // The header row is frozen.
  assert.equal(ws.views[0]?.state, 'frozen');
});

void test('LibreOffice converts it to CSV with the same values (skipped without LibreOffice)', async (t) => {
  const soffice = ['libreoffice', 'soffice'].find((c) => spawnSync('which', [c]).status === 0);
  if (!soffice) {
    t.skip('libreoffice is not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  const file = join(dir, 'kpi.xlsx');
  writeFileSync(file, writeXlsx(sheet));
  const r = spawnSync(
    soffice,
    ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, file],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir } },
  );
  assert.equal(r.status, 0, r.stderr);
  const csv = readFileSync(
    join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.csv'))!,
    ),
    'utf8',
  );
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  assert.equal(lines[0], '名称,上报数,结案率,平均时长');
  assert.equal(lines[1], '芗城区,"1,234",95.3%,2.50');
});
