// Open311 GeoReport v2: every JSON answer validated against the spec's JSON Schemas
// (reference/open311), every XML answer read back and equal to its JSON twin; POST → GET round
// trips in both formats, idempotent retries, errors in the spec's shape, filters and extensions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AreaGeometry } from '../src/domain/geo/geometry.ts';
import { interiorPoint } from '../src/domain/grids/interior-point.ts';
import { seedDemoApiKey } from '../src/commands/open311/seed-demo-api-key.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Req = Record<string, Json> & { service_request_id: string; status: string };

const ref = (f: string) =>
  JSON.parse(readFileSync(`reference/open311/${f}`, 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true });
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat('uid', true);
for (const f of ['service', 'services', 'service-definition', 'request', 'requests'])
  ajv.addSchema(ref(`${f}.json`), `${f}.json`);
const swagger = ref('swagger.json') as { definitions: Record<string, object> };
const postSchema = { type: 'array', minItems: 1, items: swagger.definitions.RequestResponse };
const tokenSchema = { type: 'array', minItems: 1, items: swagger.definitions.TokenResponse };
const errorItem = { required: ['code', 'description'], properties: { code: { type: 'integer' } } };
const errorSchema = {
  type: 'array',
  minItems: 1,
  items: { ...errorItem, additionalProperties: { type: 'string' } },
};

// A small reader for the XML we expect: elements, text, empty elements; arrays by the spec's names.
const ARRAYS = new Set('services service_requests attributes values errors endpoints formats'.split(' '));
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
const unescape = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ENTITIES[e]!);
type Node = { name: string; kids: Node[]; text: string; empty: boolean };
function readXml(xml: string): Json {
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n/);
  const root: Node = { name: '#', kids: [], text: '', empty: false };
  const stack = [root];
  for (const m of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/g)) {
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined) top.text += unescape(m[4]);
    else if (m[1]) assert.equal(stack.pop()!.name, m[2], 'balanced tags');
    else {
      const n: Node = { name: m[2]!, kids: [], text: '', empty: m[3] === '/' };
      top.kids.push(n);
      if (!n.empty) stack.push(n);
    }
  }
  assert.equal(stack.length, 1);
  const value = (n: Node): Json => {
    if (ARRAYS.has(n.name)) return n.kids.map(value);
    if (n.empty) return null;
    if (n.kids.length) return Object.fromEntries(n.kids.map((k) => [k.name, value(k)]));
    return n.text;
  };
  return value(root.kids[0]!);
}
/** What XML can say of a JSON value: scalars as text. */
function asXml(v: Json): Json {
  if (v === null || typeof v !== 'object') return v === null ? null : String(v);
  return Array.isArray(v)
    ? v.map(asXml)
    : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asXml(x)]));
}

let t: TestApp;
let here: [number, number];
let there: [number, number];
const BASE = '/open311/v2';

before(async () => {
  t = await openTestApp({ now: '2026-03-10T02:00:00Z' });
  await seedDemoApiKey(t.ctx.db);
  const grids = (
    await t.ctx.db.query<{ geometry: AreaGeometry }>(
      `SELECT geometry FROM grids WHERE kind = 'basic' AND region_code LIKE '350602005%' ORDER BY code LIMIT 2`,
    )
  ).rows;
  here = interiorPoint(grids[0]!.geometry);
  there = interiorPoint(grids[1]!.geometry);
});
after(async () => t.close());

/** GETs path.json and path.xml; checks the schema and that the XML says what the JSON says. */
const get = (url: string) => t.app.inject({ method: 'GET', url: BASE + url });
async function both(path: string, query = '', schema?: object | string, root?: string): Promise<Json> {
  const [j, x] = [await get(`/${path}.json${query}`), await get(`/${path}.xml${query}`)];
  assert.equal(j.statusCode, x.statusCode, j.body);
  assert.match(j.headers['content-type'] as string, /^application\/json/);
  assert.match(x.headers['content-type'] as string, /^text\/xml/);
  const body = j.json<Json>();
  if (schema) assert.ok(ajv.validate(schema, body), `${path}: ${ajv.errorsText()}`);
  assert.deepEqual(readXml(x.body), asXml(body), `${path}.xml equals ${path}.json`);
  if (root) assert.ok(x.body.includes(`<${root}>`), x.body.slice(0, 200));
  return body;
}

async function post(fields: Record<string, string>, ext = 'json', headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `${BASE}/requests.${ext}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}
const report = (p: [number, number], extra: Record<string, string> = {}) => ({
  api_key: 'demo',
  service_code: '0301',
  lat: String(p[1]),
  long: String(p[0]),
  description: '南坑路公共厕所门锁损坏 <无法使用> & 无人管理',
  address_string: '南坑路 18 号',
  first_name: '三',
  last_name: '张',
  phone: '13812345678',
  ...extra,
});
type Res = { statusCode: number; body: string; json<T>(): T };
async function created(r: Res): Promise<string> {
  assert.equal(r.statusCode, 200, r.body);
  const body = r.json<Json>();
  assert.ok(ajv.validate(postSchema, body), ajv.errorsText());
  return (body as Req[])[0]!.service_request_id;
}
async function errorOf(r: Res, status: number, field: string) {
  assert.equal(r.statusCode, status, r.body);
  const body = r.json<Json>();
  assert.ok(ajv.validate(errorSchema, body), ajv.errorsText());
  const e = (body as { code: number; description: string }[])[0]!;
  assert.equal(e.code, status);
  assert.ok(e.description.startsWith(`${field}: `) && e.description.includes(`${field}：`), e.description);
}

const list = async (q: string) =>
  ((await both('requests', q, 'requests.json')) as Req[]).map((r) => r.service_request_id);
const same = (actual: Record<string, unknown>, expected: Record<string, unknown>) =>
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]])), expected);

void test('discovery, services and service definitions in both formats, valid against the schemas', async () => {
  const d = (await both('discovery', '', undefined, 'discovery')) as { endpoints: { url: string }[] };
  assert.ok(d.endpoints[0]!.url.endsWith('/open311/v2/'));
  const services = (await both('services', '', 'services.json', 'services')) as Record<string, string>[];
  assert.ok(services.length >= 100);
  same(
    services.find((s) => s.service_code === '0301')!,
    { service_name: '公共厕所', group: '市容环境' },
  );
  type Def = { attributes: { code: string; values?: { key: string }[] }[] };
  const def = (await both('services/0301', '', 'service-definition.json', 'service_definition')) as Def;
  assert.deepEqual(
    def.attributes.map((a) => [a.code, a.values?.map((v) => v.key)]),
    [
      ['urgency', ['normal', 'urgent']],
      ['address_detail', undefined],
      ['time_limit', undefined],
    ],
  );
  await errorOf(await get('/services/9999.json'), 404, 'service_code');
  const x = await get('/services/9999.xml');
  assert.equal(x.statusCode, 404);
  assert.equal((readXml(x.body) as { code: string }[])[0]!.code, '404');
  await errorOf(await get('/services.json?jurisdiction_id=beijing.gov.cn'), 400, 'jurisdiction_id');
  assert.equal((await get('/services.json?jurisdiction_id=zhangzhou.gov.cn')).statusCode, 200);
  assert.equal((await get('/nothing.xml')).statusCode, 404);
});

void test('POST form → service_request_id → GET in JSON and XML; retries give the same case; the row is right', async () => {
  const attrs = { 'attribute[urgency]': 'urgent', 'attribute[address_detail]': '公厕东侧' };
  const id = await created(await post(report(here, attrs)));
  assert.match(id, /^3506-20260310-\d{6,}$/);
  const [r] = (await both(`requests/${id}`, '', 'requests.json', 'service_requests')) as Req[];
  same(r!, {
    service_request_id: id,
    status: 'open',
    status_notes: '已受理，待立案',
    service_code: '0301',
    service_name: '公共厕所',
    description: '南坑路公共厕所门锁损坏 <无法使用> & 无人管理',
    address: '南坑路 18 号 公厕东侧',
    requested_datetime: '2026-03-10T10:00:00+08:00',
    lat: here[1],
    long: here[0],
  });
  assert.ok(!/13812345678|张三/.test(JSON.stringify(r)), 'no personal data');
  const row = await t.ctx.db.query<Record<string, string>>(
    'SELECT channel, category_code, urgency, left(grid_code, 9) AS grid, reporter_phone_sealed AS phone FROM cases WHERE code = $1',
    [id],
  );
  same(row.rows[0]!, { channel: 'open311', category_code: '0301', urgency: 'urgent', grid: '350602005' });
  assert.ok(!row.rows[0]!.phone!.includes('13812345678'), 'the phone is sealed');
  // The same POST again (XML this time) is the same case; so is a retry with the same Idempotency-Key.
  const again = await post(report(here, attrs), 'xml');
  assert.equal((readXml(again.body) as Req[])[0]!.service_request_id, id);
  const keyed = (description: string) =>
    post(report(there, { description }), 'json', { 'idempotency-key': 'retry-key-0001' });
  assert.equal(await created(await keyed('另一处')), await created(await keyed('另一处（重试）')));
  // JSON bodies work too, with attributes as an object; the token resolves to the id.
  const payload = { ...report(there), description: 'JSON 上报', attribute: { urgency: 'normal' } };
  const j = await t.app.inject({ method: 'POST', url: `${BASE}/requests.json`, payload });
  const jid = await created(j);
  const token = j.json<{ token: string }[]>()[0]!.token;
  assert.deepEqual(await both(`tokens/${token}`, '', tokenSchema), [{ service_request_id: jid, token }]);
});

void test('errors in the spec format: 403 bad key, 400 naming the field, 404 unknown service', async () => {
  await errorOf(await post(report(here, { api_key: 'wrong' })), 403, 'api_key');
  const { api_key: _k, ...noKey } = report(here);
  await errorOf(await post(noKey), 403, 'api_key');
  const x = await post(report(here, { api_key: 'wrong' }), 'xml');
  assert.equal(x.statusCode, 403);
  assert.match(
    x.body,
    /<errors><error><code>403<\/code><description>api_key: [^<]+<\/description><\/error><\/errors>/,
  );
  const { service_code: _s, ...noService } = report(here);
  await errorOf(await post(noService), 400, 'service_code');
  const { lat: _lat, long: _lng, ...noPoint } = report(here);
  const r = await post(noPoint);
  await errorOf(r, 400, 'lat');
  assert.match(r.body, /address_string or address_id alone cannot be placed/);
  await errorOf(await post(report(here, { service_code: '9999' })), 404, 'service_code');
  await errorOf(await post(report(here, { 'attribute[urgency]': 'asap' })), 400, 'attribute[urgency]');
  await errorOf(await post(report(here, { 'attribute[colour]': 'red' })), 400, 'attribute[colour]');
  await errorOf(await post(report(here, { lat: '24.5x' })), 400, 'lat');
  await errorOf(await post(report([116.39, 39.9])), 400, 'lat');
  await errorOf(await post(report(here, { jurisdiction_id: 'xiamen.gov.cn' })), 400, 'jurisdiction_id');
  await errorOf(await get('/requests/3506-20990101-000001.json'), 404, 'service_request_id');
  await errorOf(await get('/requests.json?status=done'), 400, 'status');
  await errorOf(await get('/requests.json?start_date=2026-03-10T08:00:00'), 400, 'start_date');
  await errorOf(await get('/requests.json?page_size=1001'), 400, 'page_size');
});

void test('filters: service_code, status, start/end date, page, updated_after; extensions', async () => {
  const at = async (time: string, fields: Record<string, string>, p = there) => {
    t.clock.set(time);
    return created(await post(report(p, fields)));
  };
  const a = await at('2026-03-11T02:00:00Z', { description: '过滤测试 A' }, here);
  const b = await at('2026-03-11T03:00:00Z', { service_code: '0101', description: '过滤测试 B 井盖缺失' });
  const c = await at('2026-03-11T04:00:00Z', { service_code: '2101', description: '邻里纠纷：张三与李四' });
  const caseId = async (code: string) =>
    (await t.ctx.db.query<{ id: string }>('SELECT id FROM cases WHERE code = $1', [code])).rows[0]!.id;
  t.clock.set('2026-03-11T05:00:00Z');
  const op = await t.login('operator');
  const act = async (code: string, action: string, body: object) => {
    const res = await t.call('POST', `/api/v1/cases/${await caseId(code)}/actions/${action}`, op, body);
    assert.equal(res.statusCode, 200, res.body);
  };
  await act(b, 'reject', { version: 1, reason: '重复上报，已有人处理' });
  await act(a, 'merge', { version: 1, target_case_id: await caseId(c) });

  const day = '?start_date=2026-03-11T00:00:00%2B08:00&end_date=2026-03-11';
  assert.deepEqual(await list(day), [c, b, a]);
  assert.deepEqual(await list(`${day}&service_code=0101,2101`), [c, b]);
  assert.deepEqual(await list(`${day}&status=closed`), [b, a]);
  assert.deepEqual(await list(`${day}&status=open`), [c]);
  assert.deepEqual(await list('?start_date=2026-03-11T11:30:00%2B08:00&end_date=2026-03-11T04:30:00Z'), [c]);
  assert.deepEqual(await list(`${day}&page_size=2&page=2`), [a]);
  assert.deepEqual(await list('?updated_after=2026-03-11T12:30:00%2B08:00'), [b, a]);
  const all = await list('');
  assert.ok([a, b, c].every((x) => all.includes(x)) && all.length >= 6, 'the default window holds all');
  assert.deepEqual(await list(`?service_request_id=${a},${c}&status=open`), [c, a]);

  type Ext = Req & { extended_attributes: Record<string, string | null> };
  const [xc, xb, xa] = (await both('requests', `${day}&extensions=true`, 'requests.json')) as Ext[];
  same(xa!, { status: 'closed', status_notes: `与已有案件重复，已合并办理（${c}）` });
  same(xa!.extended_attributes, { channel: 'open311', duplicate_of: c });
  assert.match(xa!.extended_attributes.grid!, /^350602005\d{6}$/);
  same(xb!, {
    status_notes: '不予立案：重复上报，已有人处理',
    updated_datetime: '2026-03-11T13:00:00+08:00',
  });
  same(xc!.extended_attributes, { channel: 'open311', duplicate_of: null });
  // A dispute's text and place concern people: not public.
  same(xc!, { status: 'open', description: null, address: null, lat: null, long: null });
  assert.ok(!JSON.stringify([xa, xb, xc]).includes('李四'));
});
