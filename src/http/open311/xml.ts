// The XML of GeoReport v2, written by hand: a JSON-shaped value becomes elements of the same names;
// an array becomes a wrapper element whose children take the spec's singular name (services →
// service, service_requests → request, attributes → attribute, values → value, errors → error …).
// null is an empty element. Text is escaped, and characters XML 1.0 forbids are dropped; everything
// else (Chinese included) is written as UTF-8.

/** The element name of each item of an array, by the array's own name. */
export const XML_ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

// Control characters other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF are not XML 1.0.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an element or a quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: unknown, out: string[]): void {
  if (!NAME_RE.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) {
    out.push(`<${name}/>`);
    return;
  }
  if (Array.isArray(value)) {
    const item = XML_ITEM_NAMES[name];
    if (!item) throw new Error(`no XML item name for array ${name}`);
    out.push(`<${name}>`);
    for (const v of value) element(item, v, out);
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) element(k, v, out);
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'string') out.push(`<${name}>${escapeXml(value)}</${name}>`);
  else if (typeof value === 'number' || typeof value === 'boolean')
    out.push(`<${name}>${String(value)}</${name}>`);
  else throw new Error(`cannot write ${typeof value} as XML (${name})`);
}

/** A whole document: declaration plus the root element holding `value`. */
export function toXml(root: string, value: unknown): string {
  const out: string[] = [];
  element(root, value, out);
  return `<?xml version="1.0" encoding="utf-8"?>\n${out.join('')}\n`;
}
