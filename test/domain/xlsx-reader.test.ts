// The .xlsx reader (src/domain/files/xlsx-reader.ts) and the CSV rows beside it: a workbook written
// by exceljs (shared strings, rich text, numbers, gaps, blank rows), a hand-made package that uses
// every corner the reader claims (sheet order from the rels, namespace prefixes, inline strings,
// phonetic guides, entities, _xHHHH_ escapes, exponent numbers, cells without references), a file
// saved by LibreOffice when it is installed, and every kind of unreadable input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { csvRows, decodeText, splitCsvLine } from '../../src/domain/files/csv-rows.ts';
import {
  XlsxReadError,
  columnIndex,
  numberText,
  readXlsxRows,
  unescapeXstring,
} from '../../src/domain/files/xlsx-reader.ts';

void test('column letters → index', () => {
  assert.deepEqual(
    ['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD', 'a', '', 'A1', 'ABCD'].map(columnIndex),
    [0, 1, 25, 26, 51, 52, 701, 702, 16383, 0, -1, -1, -1],
  );
});

void test('numbers are written out exactly, also from exponent form', () => {
  const cases: [string, string][] = [
    ['13800138000', '13800138000'],
    ['1.3800138E10', '13800138000'],
    ['1.3800138E+10', '13800138000'],
    ['1.3800138e10', '13800138000'],
    ['8.6138001380E12', '8613800138000'],
    ['13800138000.0', '13800138000'],
    ['42.50', '42.5'],
    ['1.5E-3', '0.0015'],
    ['-1.2E2', '-120'],
    ['-0', '0'],
    ['0.1', '0.1'],
    ['007', '7'],
    ['1E21', '1000000000000000000000'],
    ['abc', 'abc'],
    ['', ''],
  ];
  assert.deepEqual(
    cases.map(([v]) => numberText(v)),
    cases.map(([, want]) => want),
  );
  // Any safe integer, in the exponent form a writer may use, reads back as its digits.
  fc.assert(
    fc.property(fc.maxSafeInteger(), (n) => {
      assert.equal(numberText(n.toExponential()), String(n));
      assert.equal(numberText(n.toExponential().toUpperCase()), String(n));
    }),
  );
  assert.equal(unescapeXstring('a_x000D_b_x005F_x000D_'), 'a\rb_x000D_');
});

void test('a workbook written by exceljs: header, strings, numbers, rich text, gaps and blank rows', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  wb.addWorksheet('说明').getCell('A1').value = '不应读到';
  ws.addRow(['户号', '手机号']);
  ws.addRow(['3-2-301', 13800138000]);
  ws.addRow(['3-2-302', '13800138001']);
  ws.addRow([]);
  ws.getCell('A5').value = { richText: [{ text: '3-2-' }, { font: { bold: true }, text: '401' }] };
  ws.getCell('B5').value = 13800138002;
  ws.getCell('A6').value = '<&>"\'';
  ws.getCell('C6').value = true;
  ws.getCell('E6').value = 1.5;
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const { sheet, rows } = readXlsxRows(bytes);
  assert.equal(sheet, '名册');
  assert.deepEqual(rows, [
    { line: 1, cells: ['户号', '手机号'] },
    { line: 2, cells: ['3-2-301', '13800138000'] },
    { line: 3, cells: ['3-2-302', '13800138001'] },
    { line: 5, cells: ['3-2-401', '13800138002'] },
    { line: 6, cells: ['<&>"\'', '', 'TRUE', '', '1.5'] },
  ]);
});

const CT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const ROOT_RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/main.xml"/>
</Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <!-- the tab order: 名册 first, although its part is sheet2 -->
  <x:sheets><x:sheet name="名册 &amp; 说明" sheetId="7" rel:id="rId9"/><x:sheet name="Other" sheetId="1" rel:id="rId1"/></x:sheets>
</x:workbook>`;
const BOOK_RELS = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/sheet1.xml"/>
  <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./sheets/../sheets/sheet2.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
</Relationships>`;
const STRINGS = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
  <si><t>户号</t></si>
  <si><r><rPr><b/></rPr><t xml:space="preserve">锦绣 </t></r><r><t>3&#x53F7;楼</t></r><rPh sb="0" eb="2"><t>ジンシウ</t></rPh><phoneticPr fontId="1"/></si>
  <si><t>a_x000D_b</t></si>
  <si/>
</sst>`;
const SHEET2 = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
  <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>手机号</t></is></c></row>
  <row r="3" spans="1:4"><c r="A3" t="s"><v>1</v></c><c r="B3"/><c r="C3"><v>1.3800138E10</v></c></row>
  <row r="4"><c t="inlineStr"><is><r><t>A</t></r><r><t>&lt;B&gt;</t></r><rPh><t>x</t></rPh></is></c><c t="str"><f>A4</f><v>公式</v></c><c t="e"><v>#N/A</v></c><c t="b"><v>0</v></c></row>
  <row r="6"><c r="B6" t="s"><v>2</v></c><c r="D6" t="s"><v>3</v></c></row>
  <row r="7"><c r="A7"><v>  </v></c></row>
  <row r="8"><c r="AA8" t="inlineStr"><is><t><![CDATA[<raw & cdata>]]></t></is></c></row>
</sheetData><mergeCells count="0"/></worksheet>`;

function pkg(parts: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));
}
const GOOD = {
  '[Content_Types].xml': CT,
  '_rels/.rels': ROOT_RELS,
  'book/main.xml': WORKBOOK,
  'book/_rels/main.xml.rels': BOOK_RELS,
  'book/strings.xml': STRINGS,
  'book/sheets/sheet1.xml': `<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`,
  'book/sheets/sheet2.xml': SHEET2,
};

void test('a hand-made package: rels, prefixes, shared and inline strings, phonetics, escapes, gaps', () => {
  const { sheet, rows } = readXlsxRows(pkg(GOOD));
  assert.equal(sheet, '名册 & 说明');
  const aa = new Array<string>(27).fill('');
  aa[26] = '<raw & cdata>';
  assert.deepEqual(rows, [
    { line: 1, cells: ['户号', '', '手机号'] },
    { line: 3, cells: ['锦绣 3号楼', '', '13800138000'] },
    { line: 4, cells: ['A<B>', '公式', '#N/A', 'FALSE'] },
    { line: 6, cells: ['', 'a\rb'] },
    { line: 8, cells: aa },
  ]);
});

function refusal(bytes: Uint8Array): XlsxReadError {
  try {
    readXlsxRows(bytes);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw e;
  }
  assert.fail('expected XlsxReadError');
}

void test('unreadable input: garbage, an old .xls, a zip without a workbook, broken XML, a bad string index', () => {
  assert.match(refusal(strToU8('户号,手机号\n3-2-301,13800138000\n')).zh, /不是有效的 Excel/);
  assert.match(refusal(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])).en, /not a valid Excel/);
  assert.match(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])).zh, /\.xls/);
  assert.match(refusal(pkg({ 'hello.txt': 'hi' })).en, /not a valid Excel/);
  const noSheet = { ...GOOD, 'book/_rels/main.xml.rels': '<Relationships/>' };
  assert.match(refusal(pkg(noSheet)).en, /no worksheet/);
  const broken = { ...GOOD, 'book/sheets/sheet2.xml': '<worksheet><sheetData><row r="1"><c r="A1' };
  assert.match(refusal(pkg(broken)).zh, /损坏/);
  const doctype = { ...GOOD, 'book/sheets/sheet2.xml': '<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>' };
  assert.match(refusal(pkg(doctype)).en, /damaged/);
  const badIndex = {
    ...GOOD,
    'book/sheets/sheet2.xml':
      '<worksheet><sheetData><row><c t="s"><v>99</v></c></row></sheetData></worksheet>',
  };
  assert.match(refusal(pkg(badIndex)).en, /missing shared string/);
  assert.match(refusal(pkg(GOOD).subarray(0, 200)).en, /not a valid Excel/);
  const many = `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(11)}</sheetData></worksheet>`;
  assert.throws(
    () => readXlsxRows(pkg({ ...GOOD, 'book/sheets/sheet2.xml': many }), { maxRows: 10 }),
    /more than 10 rows/,
  );
  assert.throws(() => readXlsxRows(pkg(GOOD), { maxPartBytes: 100 }), /too large/);
});

void test('CSV: quoted fields, BOM, CRLF, blank lines, and GBK as Excel saves it on Chinese Windows', () => {
  assert.deepEqual(splitCsvLine('a,"b,c","d""e",'), ['a', 'b,c', 'd"e', '']);
  assert.deepEqual(splitCsvLine('"x"y,z'), ['xy', 'z']);
  assert.deepEqual(csvRows('\uFEFF户号,手机号\r\n\r\n3-2-301,13800138000\n'), [
    { line: 1, cells: ['户号', '手机号'] },
    { line: 3, cells: ['3-2-301', '13800138000'] },
  ]);
  const gbk = new Uint8Array([0xbb, 0xa7, 0xba, 0xc5, 0x2c, 0x31]); // "户号,1" in GBK
  assert.equal(decodeText(gbk), '户号,1');
  assert.equal(decodeText(strToU8('户号,1')), '户号,1');
});

void test('a file saved by LibreOffice reads back (skipped without LibreOffice)', (t) => {
  const soffice = ['libreoffice', 'soffice'].find((c) => spawnSync('which', [c]).status === 0);
  if (!soffice) {
    t.skip('libreoffice is not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-read-'));
  writeFileSync(join(dir, 'roll.csv'), '户号,手机号\n3-2-301,13800138000\n锦绣 3号楼,13800138001\n');
  const r = spawnSync(
    soffice,
    [
      '--headless',
      '--infilter=CSV:44,34,76',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      dir,
      join(dir, 'roll.csv'),
    ],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir } },
  );
  assert.equal(r.status, 0, r.stderr);
  const { rows } = readXlsxRows(new Uint8Array(readFileSync(join(dir, 'roll.xlsx'))));
  assert.deepEqual(rows, [
    { line: 1, cells: ['户号', '手机号'] },
    { line: 2, cells: ['3-2-301', '13800138000'] },
    { line: 3, cells: ['锦绣 3号楼', '13800138001'] },
  ]);
});
