// Finds the line on which each element of a GeoJSON file's top-level "features" array starts,
// so that import errors can say "line 37" rather than "feature 12". Also turns JSON.parse
// errors into a line and column.

/** 1-based start line of each feature, in order; [] if the file has no features array. */
export function featureStartLines(text: string): number[] {
  const key = text.search(/"features"\s*:/);
  if (key < 0) return [];
  let i = text.indexOf('[', key);
  if (i < 0) return [];
  let line = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) line++;
  const lines: number[] = [];
  let depth = 0;
  let inString = false;
  for (i = i + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return lines;
}

/** Line and column of a JSON.parse failure, when the engine reports a position. */
export function jsonErrorPosition(text: string, e: unknown): { line: number; column: number } | undefined {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return undefined;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}
