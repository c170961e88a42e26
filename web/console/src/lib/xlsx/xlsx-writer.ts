// A small, real .xlsx writer (Office Open XML SpreadsheetML): the package is a zip (fflate) of
// [Content_Types].xml, _rels/.rels, docProps, xl/workbook.xml with its rels, one
// xl/worksheets/sheetN.xml per sheet (inline strings and numbers, a frozen bold header row, an
// auto-filter, column widths fitted to the content) and xl/styles.xml (bold header; integer, decimal
// and percent number formats). Pure: no DOM, no Node API — the console lazy-loads it when the user
// exports (see export-button.tsx) and the tests import it in Node.
import { strToU8, zipSync, type Zippable } from 'fflate';

/** How a column's values are written: text as is; numbers with a thousands separator, 2 decimals or as a percentage (the value is a ratio, 0.953 → 95.30 %). */
export type XlsxCellKind = 'text' | 'integer' | 'number' | 'percent';

export interface XlsxColumn {
  header: string;
  kind?: XlsxCellKind;
  /** Width in characters (default: fitted to the content, 8–60). */
  width?: number;
}

/** A cell: a string, a number (written in the column's format), or empty. A string in a number column stays a string (e.g. "—"). */
export type XlsxValue = string | number | null | undefined;

export interface XlsxSheet {
  /** At most 31 characters, none of []:*?/\ (replaced by the writer); unique within the book. */
  name: string;
  columns: XlsxColumn[];
  rows: XlsxValue[][];
}

export interface XlsxOptions {
  /** The author in the document properties. */
  creator?: string;
  /** Creation time in the document properties (default: now). */
  created?: Date;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Style indexes into cellXfs of styles.xml (see STYLES below).
const STYLE: Record<XlsxCellKind | 'header', number> = {
  text: 0,
  header: 1,
  integer: 2,
  number: 3,
  percent: 4,
};

const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>' +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '</fonts>' +
  '<fills count="3">' +
  '<fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF0F0F0"/><bgColor indexed="64"/></patternFill></fill>' +
  '</fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Text safe inside an XML element or attribute: escaped, without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 does not allow
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** 0 → A, 25 → Z, 26 → AA … */
export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Display width of a text: CJK and other wide characters count twice. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function shownWidth(v: XlsxValue, kind: XlsxCellKind): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return textWidth(v);
  if (kind === 'percent') return 7;
  const digits = Math.round(Math.abs(v)).toString().length;
  return digits + Math.floor((digits - 1) / 3) + (kind === 'number' ? 3 : 0) + (v < 0 ? 1 : 0);
}

function cellXml(ref: string, v: XlsxValue, style: number): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = style ? ` s="${style}"` : '';
  if (typeof v === 'number') return `<c r="${ref}"${s}><v>${v}</v></c>`;
  const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(v)}</t></is></c>`;
}

function sheetXml(sheet: XlsxSheet): string {
  const cols = sheet.columns;
  const kinds = cols.map((c) => c.kind ?? 'text');
  const lastCol = columnName(Math.max(cols.length, 1) - 1);
  const lastRow = sheet.rows.length + 1;
  const widths = cols.map((c, i) => {
    if (c.width) return c.width;
    const kind = kinds[i]!;
    let w = textWidth(c.header);
    for (const r of sheet.rows) w = Math.max(w, shownWidth(r[i], kind));
    return Math.min(60, Math.max(8, w + 2));
  });
  const out: string[] = [
    XML_HEAD,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`,
    `<dimension ref="A1:${lastCol}${lastRow}"/>`,
    '<sheetViews><sheetView workbookViewId="0">',
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>',
    '</sheetView></sheetViews>',
    '<sheetFormatPr defaultRowHeight="15"/>',
  ];
  if (cols.length) {
    out.push('<cols>');
    widths.forEach((w, i) => out.push(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`));
    out.push('</cols>');
  }
  out.push('<sheetData>');
  out.push(
    `<row r="1">${cols.map((c, i) => cellXml(`${columnName(i)}1`, c.header, STYLE.header)).join('')}</row>`,
  );
  sheet.rows.forEach((row, r) => {
    const n = r + 2;
    const cells = cols.map((_, i) => cellXml(`${columnName(i)}${n}`, row[i], STYLE[kinds[i]!])).join('');
    out.push(`<row r="${n}">${cells}</row>`);
  });
  out.push('</sheetData>');
  if (cols.length) out.push(`<autoFilter ref="A1:${lastCol}${lastRow}"/>`);
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.push('</worksheet>');
  return out.join('');
}

/** Sheet names as Excel accepts them: no []:*?/\, 1–31 characters, unique (case-insensitive). */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base =
      raw
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/^'+|'+$/g, '')
        .trim() || `Sheet${i + 1}`;
    let name = base.slice(0, 31);
    for (let k = 2; used.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** The .xlsx file (zip bytes) of one or more sheets. */
export function writeXlsx(sheets: XlsxSheet | XlsxSheet[], opts: XlsxOptions = {}): Uint8Array {
  const list = Array.isArray(sheets) ? sheets : [sheets];
  if (!list.length) throw new Error('writeXlsx: no sheet');
  const names = sheetNames(list.map((s) => s.name));
  const created = (opts.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = xmlText(opts.creator ?? 'Wangge');

  const files: Record<string, string> = {
    '[Content_Types].xml':
      XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      list
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '</Relationships>',
    'docProps/core.xml':
      XML_HEAD +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${creator}</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
      '</cp:coreProperties>',
    'docProps/app.xml':
      XML_HEAD +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Wangge</Application></Properties>',
    'xl/workbook.xml':
      XML_HEAD +
      `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      '<bookViews><workbookView/></bookViews><sheets>' +
      names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      XML_HEAD +
      `<Relationships xmlns="${NS_PKG_REL}">` +
      list
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${list.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      '</Relationships>',
    'xl/styles.xml': STYLES,
  };
  list.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(s);
  });
  const zip: Zippable = {};
  const mtime = opts.created ?? new Date();
  for (const [path, text] of Object.entries(files)) zip[path] = [strToU8(text), { level: 6, mtime }];
  return zipSync(zip);
}
