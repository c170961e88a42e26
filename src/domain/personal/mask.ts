// Masking of personal data for display (the API shows these by default; the clear value needs a
// reveal) and parsing of phone numbers. Pure.
import { invalid } from '../errors.ts';

const MOBILE_RE = /^1[3-9]\d{9}$/;
/** Area codes 010 and 02x have three digits; every other area code has four. */
const SHORT_AREA_RE = /^0(10|2\d)/;
const LANDLINE_RE = /^(0\d{2,3})-([2-9]\d{6,7})$/;

/**
 * Checks and normalises a mainland mobile (1[3-9] + 9 digits → '13812345678') or landline
 * ('0596 2345678', '(0596)2345678', '+86 596 2345678' → '0596-2345678'). Spaces, full-width
 * characters and the +86 / 0086 prefix are accepted. Throws VALIDATION_FAILED naming `field`.
 */
export function parsePhone(s: string, field = 'phone'): string {
  let t = s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\((0\d{2,3})\)/, '$1-');
  let international = false;
  const cc = /^(\+86|0086)-?/.exec(t) ?? (/^86-?1[3-9]\d{9}$/.test(t) ? /^86-?/.exec(t) : null);
  if (cc) {
    t = t.slice(cc[0].length);
    international = true;
  }
  const digits = t.replace(/-/g, '');
  if (MOBILE_RE.test(digits) && /^[\d-]+$/.test(t)) return digits;
  if (international && /^[1-9]/.test(t) && !/^1[3-9]/.test(t)) t = '0' + t; // +86 596… drops the 0
  if (!t.includes('-') && /^0\d{9,11}$/.test(t)) {
    const areaLen = SHORT_AREA_RE.test(t) ? 3 : 4;
    t = `${t.slice(0, areaLen)}-${t.slice(areaLen)}`;
  }
  const m = LANDLINE_RE.exec(t);
  if (m && (m[1]?.length === 3) === SHORT_AREA_RE.test(t)) return t;
  throw invalid(
    field,
    '应为 11 位手机号码或带区号的固定电话（如 0596-2345678）',
    'must be an 11-digit mobile number or a landline with its area code (e.g. 0596-2345678)',
  );
}

/** '13812345678' → '138****5678'; '0596-2345678' → '0596-***5678'; anything else keeps only its last 4 digits. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (MOBILE_RE.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  const m = /^(0\d{2,3}-)(\d{7,8})$/.exec(p);
  if (m?.[1] && m[2]) return m[1] + '*'.repeat(m[2].length - 4) + m[2].slice(-4);
  const chars = [...p];
  return chars.map((c, i) => (i < chars.length - 4 && /\d/.test(c) ? '*' : c)).join('');
}

/** Keeps the first character and masks the rest: '张三' → '张*', '欧阳娜娜' → '欧***'; one character → '*'. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return (chars[0] ?? '') + '*'.repeat(chars.length - 1);
}

/** First 6 (the region) + stars + last 4: '11010519491231002X' → '110105********002X'. */
export function maskCitizenId(id: string): string {
  const s = id.trim();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** Where a house number starts: a digit, or Chinese numerals followed by 号/栋/单元/室/组… */
const HOUSE_NUMBER_RE = /[0-9０-９]|[一二三四五六七八九十百零〇两]+(?:号|栋|幢|座|单元|室|楼|层|弄|巷|组)/;
/** The end of the road or community part when no house number is found. */
const PLACE_SUFFIX_RE = /(?:路|街|大道|巷|弄|村|社区|小区|花园|公寓|大厦)/g;

/**
 * Keeps the road/community part and masks the house number and below:
 * '芗城区胜利西路12号3栋501室' → '芗城区胜利西路****'. Without any number, keeps up to the last
 * road or community word; failing that, the first half.
 */
export function maskAddress(address: string): string {
  const s = address.trim();
  if (s === '') return '';
  const hit = HOUSE_NUMBER_RE.exec(s);
  if (hit) return s.slice(0, hit.index) + '****';
  let end = -1;
  for (const m of s.matchAll(PLACE_SUFFIX_RE)) end = m.index + m[0].length;
  if (end === s.length) return s; // nothing below the road or community
  if (end > 0) return s.slice(0, end) + '****';
  const chars = [...s];
  return chars.slice(0, Math.ceil(chars.length / 2)).join('') + '****';
}
