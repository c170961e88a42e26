// Sealed personal data: AES-256-GCM per field with the column bound in, keyed hashes for lookup,
// the master key's sources, and audited reveals (on the test database).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../src/domain/errors.ts';
import { resolveSession } from '../src/commands/auth/resolve-session.ts';
import { revealField, type RevealContext } from '../src/commands/personal/reveal.ts';
import {
  createSealer,
  loadSealKey,
  SEAL_KEY_FILE,
  SEAL_KEY_FOR_TESTS,
  Sealer,
} from '../src/commands/personal/sealer.ts';
import { openTestApp, type TestApp } from './harness/test-app.ts';

const sealer = createSealer(SEAL_KEY_FOR_TESTS);
const PHONE = 'case.reporter_phone';

function isCode(code: string, text?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, code);
    if (text) assert.match(e.message, text);
    return true;
  };
}

/** Flips one bit of byte `at` in part `part` (1 iv, 2 ciphertext, 3 tag) of a sealed value. */
function flip(sealed: string, part: number, at = 0): string {
  const parts = sealed.split('.');
  const b = Buffer.from(parts[part] ?? '', 'base64url');
  b[at] = (b[at] ?? 0) ^ 0x01;
  parts[part] = b.toString('base64url');
  return parts.join('.');
}

void test('seal → open round trip, for every kind of text', () => {
  for (const plain of ['13812345678', '张三', '欧阳娜娜·𠮷', '', 'x'.repeat(5000)]) {
    const s = sealer.seal(plain, PHONE);
    assert.match(s, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    assert.equal(Buffer.from(s.split('.')[2] ?? '', 'base64url').length, Buffer.byteLength(plain)); // GCM: no padding
    if (plain) assert.ok(!s.includes(plain));
    assert.equal(sealer.open(s, PHONE), plain);
  }
  // another Sealer on the same key opens it; one on another key does not
  const s = sealer.seal('13812345678', PHONE);
  assert.equal(new Sealer(Buffer.from(SEAL_KEY_FOR_TESTS)).open(s, PHONE), '13812345678');
  assert.throws(() => createSealer(randomBytes(32)).open(s, PHONE), isCode('SEALED_VALUE_INVALID'));
});

void test('tampering with iv, ciphertext or tag, or a malformed value, is refused', () => {
  const s = sealer.seal('13812345678', PHONE);
  for (const [part, at] of [
    [1, 0],
    [1, 11],
    [2, 0],
    [2, 10],
    [3, 0],
    [3, 15],
  ] as const) {
    assert.throws(
      () => sealer.open(flip(s, part, at), PHONE),
      isCode('SEALED_VALUE_INVALID'),
      `${part}/${at}`,
    );
  }
  const [, iv, ct, tag] = s.split('.');
  for (const bad of [
    '',
    '13812345678',
    `v2.${iv}.${ct}.${tag}`,
    `v1.${iv}.${ct}`,
    `v1.${iv}.${ct}.${tag}.x`,
    `v1.${iv}.${ct}.${tag?.slice(0, 16)}`, // truncated tag: never accepted as a shorter tag
    `v1.${iv}.${ct}.${tag}=`,
    `v1.${iv}.${ct}x.${tag}`,
    `v1.${iv}.${ct?.slice(0, -1)}.${tag}`,
    `v1.${iv}.${ct}${ct}.${tag}`,
  ]) {
    assert.throws(() => sealer.open(bad, PHONE), isCode('SEALED_VALUE_INVALID'), bad);
  }
});

void test('the purpose is bound: a value sealed for one column does not open as another', () => {
  const s = sealer.seal('13812345678', PHONE);
  assert.throws(() => sealer.open(s, 'case.reporter_name'), isCode('SEALED_VALUE_INVALID'));
  assert.throws(() => sealer.open(s, 'person.phone'), isCode('SEALED_VALUE_INVALID'));
  assert.throws(() => sealer.seal('x', 'no purpose'), RangeError);
  assert.throws(() => sealer.hash('x', ''), RangeError);
});

void test('sealing is randomised but the hash is stable, normalised and per purpose', () => {
  const a = sealer.seal('13812345678', PHONE);
  const b = sealer.seal('13812345678', PHONE);
  assert.notEqual(a, b);
  assert.notEqual(a.split('.')[1], b.split('.')[1]); // fresh IV each time
  const h = sealer.hash('13812345678', PHONE);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(sealer.hash(' 13812345678\n', PHONE), h);
  assert.notEqual(sealer.hash('13812345678', 'person.phone'), h);
  assert.notEqual(sealer.hash('13812345679', PHONE), h);
  assert.notEqual(createSealer(randomBytes(32)).hash('13812345678', PHONE), h);
  // NFC: a decomposed é hashes like the composed one
  assert.equal(sealer.hash('Ame\u0301lie', 'person.name'), sealer.hash('Am\u00e9lie', 'person.name'));
});

void test('master key: demo mode creates <dataDir>/seal.key once (0600) and reuses it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-seal-'));
  try {
    const dataDir = join(dir, 'data'); // does not exist yet
    const k1 = loadSealKey({ dataDir, mode: 'demo' });
    assert.equal(k1.length, 32);
    const file = join(dataDir, SEAL_KEY_FILE);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    const text = readFileSync(file, 'utf8');
    const k2 = loadSealKey({ dataDir, mode: 'demo', env: '' });
    assert.ok(k2.equals(k1));
    assert.equal(readFileSync(file, 'utf8'), text);
    // what one process sealed, the next opens
    const s = createSealer(k1).seal('张三', 'case.reporter_name');
    assert.equal(createSealer(k2).open(s, 'case.reporter_name'), '张三');
    // the env key wins over the file
    const envKey = randomBytes(32);
    assert.ok(loadSealKey({ env: envKey.toString('base64'), dataDir, mode: 'demo' }).equals(envKey));
    assert.ok(loadSealKey({ env: envKey.toString('base64url'), dataDir, mode: 'demo' }).equals(envKey));
    // a damaged key file is refused, naming it
    writeFileSync(file, 'not a key\n');
    assert.throws(() => loadSealKey({ dataDir, mode: 'demo' }), isCode('SEAL_KEY_INVALID', /seal\.key/));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('master key: production needs WANGGE_SEAL_KEY; bad keys are refused naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-seal-'));
  try {
    assert.throws(
      () => loadSealKey({ dataDir: dir, mode: 'production' }),
      isCode('SEAL_KEY_INVALID', /WANGGE_SEAL_KEY: must be set in production/),
    );
    assert.equal(existsSync(join(dir, SEAL_KEY_FILE)), false); // no key file is made in production
    const key = randomBytes(32);
    assert.ok(loadSealKey({ env: ` ${key.toString('base64')}\n`, mode: 'production' }).equals(key));
    for (const bad of [
      'abc',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      '!'.repeat(44),
    ]) {
      assert.throws(
        () => loadSealKey({ env: bad, dataDir: dir, mode: 'demo' }),
        (e: unknown) => {
          assert.ok(e instanceof AppError && e.code === 'SEAL_KEY_INVALID');
          assert.equal(e.issues[0]?.field, 'WANGGE_SEAL_KEY');
          assert.match(e.message, /WANGGE_SEAL_KEY/);
          return true;
        },
        bad,
      );
    }
    assert.throws(
      () => loadSealKey({ env: SEAL_KEY_FOR_TESTS.toString('base64'), mode: 'production' }),
      isCode('SEAL_KEY_INVALID', /WANGGE_SEAL_KEY.*test key/),
    );
    assert.throws(() => loadSealKey({ mode: 'demo' }), isCode('SEAL_KEY_INVALID'));
    assert.throws(() => createSealer(randomBytes(16)), isCode('SEAL_KEY_INVALID'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('SEAL_KEY_FOR_TESTS is 32 bytes', () => {
  assert.equal(SEAL_KEY_FOR_TESTS.length, 32);
});

// ---- reveal, on the test database ----

let t: TestApp;
let ctx: RevealContext;
before(async () => {
  t = await openTestApp();
  ctx = { ...t.ctx, sealer };
});
after(async () => t?.close());

interface RevealAudit {
  actor_name: string | null;
  target: string | null;
  outcome: string;
  details: { purpose?: string; reason?: string; refusal?: string } | null;
}

async function lastReveal(): Promise<RevealAudit | undefined> {
  const r = await t.ctx.db.query<RevealAudit>(
    `SELECT actor_name, target, outcome, details FROM audit_log WHERE action = 'personal.reveal'
     ORDER BY id DESC LIMIT 1`,
  );
  return r.rows[0];
}

void test('reveal: a leader with a reason gets the value, and the reveal is audited', async () => {
  const actor = await resolveSession(t.ctx, await t.login('leader'));
  const sealed = sealer.seal('13812345678', PHONE);
  const plain = await revealField(ctx, actor, {
    sealed,
    purpose: PHONE,
    reason: '回访核实诉求',
    target: 'case:2026-0001',
  });
  assert.equal(plain, '13812345678');
  assert.deepEqual(await lastReveal(), {
    actor_name: 'leader',
    target: 'case:2026-0001',
    outcome: 'ok',
    details: { purpose: PHONE, reason: '回访核实诉求' },
  });
});

void test('reveal: no reason, or no permission, is refused and audited as denied', async () => {
  const leader = await resolveSession(t.ctx, await t.login('leader'));
  const sealed = sealer.seal('张三', 'case.reporter_name');
  const req = { sealed, purpose: 'case.reporter_name', target: 'case:2026-0002' };
  for (const reason of ['', '   ', '看看']) {
    await assert.rejects(revealField(ctx, leader, { ...req, reason }), (e: unknown) => {
      assert.ok(e instanceof AppError && e.code === 'VALIDATION_FAILED');
      assert.equal(e.issues[0]?.field, 'reason');
      return true;
    });
    const row = await lastReveal();
    assert.equal(row?.outcome, 'denied');
    assert.equal(row?.details?.refusal, 'reason');
    assert.equal(row?.target, 'case:2026-0002');
  }
  const operator = await resolveSession(t.ctx, await t.login('operator'));
  await assert.rejects(revealField(ctx, operator, { ...req, reason: '想看一下号码' }), isCode('FORBIDDEN'));
  assert.deepEqual(await lastReveal(), {
    actor_name: 'operator',
    target: 'case:2026-0002',
    outcome: 'denied',
    details: { purpose: 'case.reporter_name', reason: '想看一下号码', refusal: 'permission' },
  });
});

void test('reveal: a value that does not open is refused and audited as failed', async () => {
  const actor = await resolveSession(t.ctx, await t.login('supervisor'));
  const sealed = sealer.seal('13812345678', PHONE);
  await assert.rejects(
    revealField(ctx, actor, {
      sealed,
      purpose: 'case.reporter_name',
      reason: '核实来电人',
      target: 'case:3',
    }),
    isCode('SEALED_VALUE_INVALID'),
  );
  const row = await lastReveal();
  assert.equal(row?.outcome, 'failed');
  assert.equal(row?.details?.refusal, 'SEALED_VALUE_INVALID');
});
