// Reads the first worksheet of an .xlsx file (Office Open XML SpreadsheetML, ECMA-376) into rows of
// cell strings: the package is a zip (fflate), the workbook names its sheets in tab order and its
// relationships say where each lives; cells are shared strings (plain or rich-text runs, phonetic
// guides left out), inline strings, numbers (written out exactly, also from exponent form: a phone
// stored as 1.3800138E10 reads 13800138000), booleans, formula results and error values. Cell
// references place each cell in its column, so gaps stay empty. Pure: bytes in, rows out.
import { strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { XmlSyntaxError, xmlTokens } from './xml-tokens.ts';

/** One non-empty row: its row number in the sheet (1-based) and its cells from column A. */
export interface SheetRow {
  line: number;
  cells: string[];
}

/** Why a file cannot be read, in Chinese and English (for FieldIssue). */
export class XlsxReadError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'XlsxReadError';
  }
}

export interface XlsxReadOptions {
  /** At most this many non-empty rows (default 100,000). */
  maxRows?: number;
  /** No part of the package may unzip to more than this (default 64 MiB): a zip bomb stops here. */
  maxPartBytes?: number;
}

const NOT_XLSX = () =>
  new XlsxReadError('不是有效的 Excel 工作簿（.xlsx）文件', 'is not a valid Excel workbook (.xlsx)');
const MAX_COLUMNS = 16_384; // XFD, the last column of the format

/** `A` → 0, `Z` → 25, `AA` → 26, `XFD` → 16383; -1 when the letters are not a column. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A number as SpreadsheetML stores it (`<v>`), written out in plain decimal without going through a
 * float: `13800138000`, `1.3800138E10` → `13800138000`, `1.5E-3` → `0.0015`, `42.50` → `42.5`.
 * Anything that is not a decimal number comes back as it was.
 */
export function numberText(v: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(v.trim());
  if (!m || (!m[2] && !m[3])) return v;
  const int = m[2] ?? '';
  const digits = int + (m[3] ?? '');
  const point = int.length + Number(m[4] ?? 0);
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const sign = m[1] === '-' && /[1-9]/.test(whole + frac) ? '-' : '';
  return sign + whole + (frac ? '.' + frac : '');
}

/** SpreadsheetML escapes characters XML cannot carry as `_xHHHH_` (ST_Xstring); `_x005F_` is `_`. */
export function unescapeXstring(s: string): string {
  return s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

function decodePart(u8: Uint8Array): string {
  if (u8[0] === 0xff && u8[1] === 0xfe) return new TextDecoder('utf-16le').decode(u8.subarray(2));
  if (u8[0] === 0xfe && u8[1] === 0xff) return new TextDecoder('utf-16be').decode(u8.subarray(2));
  return strFromU8(u8);
}

/** `xl/worksheets/../x.xml` → `xl/x.xml`; a target starting with `/` is from the package root. */
function resolvePart(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

interface Relationship {
  type: string;
  target: string;
}

function readRels(xml: string, baseDir: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  for (const t of xmlTokens(xml)) {
    if (t.kind !== 'open' || t.name !== 'Relationship') continue;
    const { Id, Type, Target, TargetMode } = t.attrs;
    if (Id && Target && TargetMode !== 'External')
      rels.set(Id, { type: Type ?? '', target: resolvePart(baseDir, Target) });
  }
  return rels;
}

/** The relationship ids of the workbook's sheets, in tab order. */
function sheetIds(xml: string): { name: string; rid: string }[] {
  const out: { name: string; rid: string }[] = [];
  for (const t of xmlTokens(xml)) {
    if (t.kind !== 'open' || t.name !== 'sheet') continue;
    const ridKey = Object.keys(t.attrs).find((k) => k.endsWith(':id')) ?? 'id';
    const rid = t.attrs[ridKey];
    if (rid) out.push({ name: t.attrs.name ?? '', rid });
  }
  return out;
}

/** The shared strings: plain `<t>` or rich-text runs `<r><t>`, without phonetic guides `<rPh>`. */
function readSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let cur: string | null = null;
  let inPhonetic = 0;
  let inText = false;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open') {
      if (t.name === 'si') {
        if (t.selfClosing) out.push('');
        else cur = '';
      } else if (t.name === 'rPh' && !t.selfClosing) inPhonetic++;
      else if (t.name === 't' && !t.selfClosing) inText = cur !== null && inPhonetic === 0;
    } else if (t.kind === 'close') {
      if (t.name === 'si' && cur !== null) {
        out.push(unescapeXstring(cur));
        cur = null;
      } else if (t.name === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
      else if (t.name === 't') inText = false;
    } else if (inText && cur !== null) cur += t.text;
  }
  return out;
}

interface CellState {
  col: number;
  type: string;
  value: string;
  inline: string;
}

function cellText(c: CellState, shared: readonly string[]): string {
  switch (c.type) {
    case 's': {
      const i = Number(c.value.trim());
      const s = Number.isInteger(i) ? shared[i] : undefined;
      if (s === undefined)
        throw new XlsxReadError(
          '工作表引用了不存在的共享字符串',
          'the sheet refers to a missing shared string',
        );
      return s;
    }
    case 'inlineStr':
      return unescapeXstring(c.inline);
    case 'str':
      return unescapeXstring(c.value);
    case 'b':
      return c.value.trim() === '1' ? 'TRUE' : c.value.trim() === '0' ? 'FALSE' : c.value;
    case 'e':
    case 'd':
      return c.value;
    default:
      return numberText(c.value);
  }
}

function readSheet(xml: string, shared: readonly string[], maxRows: number): SheetRow[] {
  const rows: SheetRow[] = [];
  let line = 0;
  let cells: string[] | null = null;
  let nextCol = 0;
  let cell: CellState | null = null;
  let inValue = false;
  let inInline = false;
  let inPhonetic = 0;
  let inText = false;
  const endCell = () => {
    if (!cell || !cells) return;
    const text = cellText(cell, shared);
    if (text !== '') cells[cell.col] = text;
    nextCol = cell.col + 1;
    cell = null;
  };
  const endRow = () => {
    if (cells && cells.some((c) => c !== undefined && c.trim() !== '')) {
      if (rows.length >= maxRows)
        throw new XlsxReadError(`行数超过 ${maxRows} 行`, `has more than ${maxRows} rows`);
      rows.push({ line, cells: Array.from(cells, (c) => c ?? '') });
    }
    cells = null;
  };
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open') {
      if (t.name === 'row') {
        endRow();
        const r = Number(t.attrs.r);
        line = Number.isInteger(r) && r > line ? r : line + 1;
        cells = [];
        nextCol = 0;
        if (t.selfClosing) endRow();
      } else if (t.name === 'c' && cells) {
        const ref = /^([A-Za-z]{1,3})\d*$/.exec(t.attrs.r ?? '');
        const col = ref ? columnIndex(ref[1]!) : nextCol;
        if (col < 0 || col >= MAX_COLUMNS)
          throw new XlsxReadError(
            `单元格引用 ${t.attrs.r ?? ''} 无效`,
            `invalid cell reference ${t.attrs.r ?? ''}`,
          );
        cell = { col, type: t.attrs.t ?? 'n', value: '', inline: '' };
        if (t.selfClosing) endCell();
      } else if (cell && !t.selfClosing) {
        if (t.name === 'v') inValue = true;
        else if (t.name === 'is') inInline = true;
        else if (t.name === 'rPh') inPhonetic++;
        else if (t.name === 't') inText = inInline && inPhonetic === 0;
      }
    } else if (t.kind === 'close') {
      if (t.name === 'c') endCell();
      else if (t.name === 'row') endRow();
      else if (t.name === 'v') inValue = false;
      else if (t.name === 'is') inInline = false;
      else if (t.name === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
      else if (t.name === 't') inText = false;
    } else if (cell) {
      if (inValue) cell.value += t.text;
      else if (inText) cell.inline += t.text;
    }
  }
  endRow();
  return rows;
}

/**
 * The non-empty rows of the first worksheet (in tab order) of an .xlsx file. Throws XlsxReadError
 * for anything that is not a readable workbook: not a zip, an old .xls or an encrypted file, a
 * package without a worksheet, malformed XML, too many rows, a part too large.
 */
export function readXlsxRows(
  bytes: Uint8Array,
  opts: XlsxReadOptions = {},
): { sheet: string; rows: SheetRow[] } {
  const maxRows = opts.maxRows ?? 100_000;
  const maxPart = opts.maxPartBytes ?? 64 * 1024 * 1024;
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new XlsxReadError(
      '这是旧版 Excel（.xls）或加密的文件，请另存为 .xlsx（不设密码）或 CSV 后再导入',
      'is an old Excel (.xls) or encrypted file; save it as .xlsx (without a password) or CSV',
    );
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw NOT_XLSX();
  const entries = new Map<string, UnzipFileInfo>();
  const read = (names: readonly string[]): Record<string, string> => {
    const wanted = names.filter((n) => entries.has(n));
    for (const n of wanted)
      if (entries.get(n)!.originalSize > maxPart)
        throw new XlsxReadError('文件解压后过大', 'is too large once unzipped');
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, { filter: (f) => wanted.includes(f.name) });
    } catch {
      throw NOT_XLSX();
    }
    return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, decodePart(v)]));
  };
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.set(f.name, f);
        return false;
      },
    });
  } catch {
    throw NOT_XLSX();
  }
  try {
    const root = read(['_rels/.rels'])['_rels/.rels'];
    const office = root
      ? [...readRels(root, '').values()].find((r) => r.type.endsWith('/officeDocument'))?.target
      : undefined;
    const workbookPath = office ?? 'xl/workbook.xml';
    const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
    const relsPath = `${dir ? dir + '/' : ''}_rels/${workbookPath.slice(dir ? dir.length + 1 : 0)}.rels`;
    const parts = read([workbookPath, relsPath]);
    const workbook = parts[workbookPath];
    if (!workbook || !parts[relsPath]) throw NOT_XLSX();
    const rels = readRels(parts[relsPath], dir);
    const first = sheetIds(workbook)
      .map((s) => ({ ...s, rel: rels.get(s.rid) }))
      .find((s) => s.rel?.type.endsWith('/worksheet') && entries.has(s.rel.target));
    if (!first?.rel) throw new XlsxReadError('工作簿中没有工作表', 'the workbook has no worksheet');
    const sharedPath =
      [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ??
      (entries.has(`${dir}/sharedStrings.xml`) ? `${dir}/sharedStrings.xml` : '');
    const data = read(sharedPath ? [first.rel.target, sharedPath] : [first.rel.target]);
    const shared = sharedPath && data[sharedPath] ? readSharedStrings(data[sharedPath]) : [];
    return { sheet: first.name, rows: readSheet(data[first.rel.target] ?? '', shared, maxRows) };
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    if (e instanceof XmlSyntaxError)
      throw new XlsxReadError('文件内容已损坏（XML 格式错误）', `is damaged (${e.message})`);
    throw e;
  }
}
