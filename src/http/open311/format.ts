// Formats at the Open311 edge: the response format comes from the extension (.json / .xml) as in
// the spec; request fields come from the query string and the body (form-encoded as in the spec,
// or JSON), with attribute[code]=value pairs gathered apart; errors take the spec's shape.
import type { FastifyReply } from 'fastify';
import { ERROR_CATALOGUE, type AppError } from '../../domain/errors.ts';
import { toXml } from './xml.ts';

export type Format = 'json' | 'xml';

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** 'requests/3506-20260310-000001.xml' → { id: '3506-20260310-000001', format: 'xml' }; null without a known extension. */
export function splitFormat(file: string): { id: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? { id: m[1]!, format: m[2]!.toLowerCase() as Format } : null;
}

/** The format a URL asks for: XML when its path ends in .xml, JSON otherwise (errors on unknown paths too). */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return /\.xml$/i.test(path) ? 'xml' : 'json';
}

/** Sends `value` as JSON, or as XML under the root element `root`. */
export function send(
  reply: FastifyReply,
  format: Format,
  root: string,
  value: unknown,
  status = 200,
): string {
  void reply.status(status).type(CONTENT_TYPES[format]);
  return format === 'xml' ? toXml(root, value) : JSON.stringify(value);
}

/** application/x-www-form-urlencoded → name → values (repeated names keep every value, in order). */
export function parseForm(body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) (out[k] ??= []).push(v);
  return out;
}

export interface Open311Input {
  fields: Record<string, string>;
  /** attribute[code]=value pairs (form) or { attribute: { code: value } } (JSON). */
  attributes: Record<string, string>;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const parts = v.map(text).filter((x): x is string => x !== undefined);
    return parts.length ? parts.join(',') : undefined;
  }
  return undefined;
}

const ATTRIBUTE_KEY = /^attribute\[([^\]]*)\](?:\[\])?$/;

/** Merges the sources in order (later ones win) into plain fields and attributes. */
export function collectInput(...sources: unknown[]): Open311Input {
  const fields: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const src of sources) {
    if (!src || typeof src !== 'object' || Array.isArray(src)) continue;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      if (k === 'attribute' && v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [ak, av] of Object.entries(v as Record<string, unknown>)) {
          const t = text(av);
          if (t !== undefined) attributes[ak] = t;
        }
        continue;
      }
      const m = ATTRIBUTE_KEY.exec(k);
      const t = Array.isArray(v) && !m ? text(v[0]) : text(v);
      if (t === undefined) continue;
      if (m) attributes[m[1]!] = t;
      else fields[k] = t;
    }
  }
  return { fields, attributes };
}

export interface Open311Error {
  code: number;
  description: string;
}

/** An AppError as the spec's error list: one entry per field issue, each naming the field in English and Chinese. */
export function open311Errors(e: AppError): { status: number; errors: Open311Error[] } {
  const s = e.status;
  const status = s >= 500 ? s : s === 401 || s === 403 ? 403 : s === 404 || s === 413 ? s : 400;
  const entry = ERROR_CATALOGUE[e.code];
  const errors = e.issues.length
    ? e.issues.map((i) => ({ code: status, description: `${i.field}: ${i.en} / ${i.field}：${i.zh}` }))
    : [{ code: status, description: `${entry.en} / ${entry.zh}` }];
  return { status, errors };
}

export function sendError(reply: FastifyReply, format: Format, e: AppError): string {
  const { status, errors } = open311Errors(e);
  return send(reply, format, 'errors', errors, status);
}
