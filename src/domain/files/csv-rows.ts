// CSV files as people really make them: UTF-8 (with or without a BOM) or, as Excel saves "CSV" on a
// Chinese Windows, GB18030/GBK; comma-separated with "quoted" fields ("" for a quote inside). Rows
// come out in the shape of the .xlsx reader (line number, cells), blank lines left out, so one
// validation serves both. Pure: bytes or text in, rows out.
import type { SheetRow } from './xlsx-reader.ts';

/** The text of a file: UTF-8 when it is valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** One line's fields; a quoted field may hold commas and doubled quotes (not line breaks). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          field += line.slice(i);
          i = line.length;
          break;
        }
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      field += comma < 0 ? line.slice(i) : line.slice(i, comma);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      field = comma < 0 ? line.slice(i) : line.slice(i, comma);
      i = comma < 0 ? line.length + 1 : comma + 1;
    }
    out.push(field);
    if (i > line.length) return out;
  }
}

/** The non-blank lines of a CSV text, each with its 1-based line number and its fields. */
export function csvRows(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      if (raw.trim()) rows.push({ line: i + 1, cells: splitCsvLine(raw) });
    });
  return rows;
}
