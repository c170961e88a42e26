// A small, strict-enough XML tokenizer for the parts of an Office Open XML package: start and end
// tags (namespace prefixes dropped from element names), attributes, text with the five named
// entities and numeric character references decoded, CDATA; comments and processing instructions
// skipped. A DOCTYPE is refused (no entity expansion, no external references). Pure: string in,
// tokens out, lazily, so a large worksheet is never held as a tree.

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

/** The XML is malformed; `at` is the character offset. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(`${message} at offset ${at}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes &lt; &gt; &amp; &quot; &apos; &#NN; &#xHH; (an unknown entity is kept as written). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e] ?? m;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

/** `x:sheet` → `sheet`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(body: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of body.matchAll(ATTR)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

/** The index of the `>` that ends the tag opened at `lt`, skipping quoted attribute values. */
function tagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
    else if (c === 60) break;
  }
  throw new XmlSyntaxError('unclosed tag', lt);
}

function skipTo(xml: string, from: number, end: string, what: string): number {
  const i = xml.indexOf(end, from);
  if (i < 0) throw new XmlSyntaxError(`unclosed ${what}`, from);
  return i + end.length;
}

/** The tokens of an XML document, in order. Throws XmlSyntaxError on malformed markup. */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      yield { kind: 'text', text: decodeEntities(xml.slice(i)) };
      return;
    }
    if (lt > i) yield { kind: 'text', text: decodeEntities(xml.slice(i, lt)) };
    if (xml.startsWith('<!--', lt)) {
      i = skipTo(xml, lt + 4, '-->', 'comment');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = skipTo(xml, lt + 9, ']]>', 'CDATA section');
      yield { kind: 'text', text: xml.slice(lt + 9, end - 3) };
      i = end;
    } else if (xml.startsWith('<?', lt)) {
      i = skipTo(xml, lt + 2, '?>', 'processing instruction');
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlSyntaxError('DOCTYPE and entity declarations are not allowed', lt);
    } else {
      const gt = tagEnd(xml, lt);
      i = gt + 1;
      if (xml.charCodeAt(lt + 1) === 47) {
        const name = xml.slice(lt + 2, gt).trim();
        if (!name) throw new XmlSyntaxError('empty end tag', lt);
        yield { kind: 'close', name: localName(name) };
        continue;
      }
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      const m = /^[^\s/>]+/.exec(body);
      if (!m) throw new XmlSyntaxError('tag without a name', lt);
      yield {
        kind: 'open',
        name: localName(m[0]),
        attrs: parseAttrs(body.slice(m[0].length)),
        selfClosing,
      };
    }
  }
}
