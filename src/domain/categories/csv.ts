// A small RFC 4180 CSV reader: comma-separated fields, optionally double-quoted, "" for a quote inside
// quotes, quoted fields may span lines, CRLF or LF line ends, a UTF-8 BOM is ignored. Each record keeps
// the 1-based line it starts on, so that import errors can point at it.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  zh: string;
  en: string;
}

/** Parses CSV text into records (blank lines skipped) and problems (unterminated quotes, stray quotes). */
export function parseCsv(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (text after the closing quote is an error)
  let i = 0;

  const endField = (): void => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
  };

  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || (c === '\r' && src[i + 1] === '\n')) {
      endRecord();
      if (c === '\r') i++;
      line++;
      start = line;
    } else if (wasQuoted || c === '"') {
      problems.push({
        line,
        zh: '引号使用不正确（字段内的引号应写成两个引号，并将整个字段用引号括起）',
        en: 'Misplaced quote (inside a field write "" and quote the whole field)',
      });
      field += c;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) problems.push({ line: start, zh: '引号未闭合', en: 'Unterminated quoted field' });
  if (field !== '' || fields.length > 0 || wasQuoted) endRecord();
  return { records, problems };
}
