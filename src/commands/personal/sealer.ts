// Sealing of personal data (PIPL Art. 28): each field is encrypted on its own with AES-256-GCM,
// its column ("purpose") bound as associated data so a sealed value cannot be moved to another
// column, and a keyed hash (HMAC-SHA256) stored beside it for exact lookup. Both sub-keys are
// derived from one 32-byte master key with HKDF; the master key itself is never used directly.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors.ts';

/** The environment variable holding the master key: base64 of 32 random bytes. */
export const SEAL_KEY_ENV = 'WANGGE_SEAL_KEY';
/** Name of the demo-mode key file inside the data directory. */
export const SEAL_KEY_FILE = 'seal.key';

/**
 * A fixed, public key for tests ONLY: anything sealed with it is readable by anyone.
 * loadSealKey refuses it in production.
 */
export const SEAL_KEY_FOR_TESTS: Buffer = Buffer.from('wangge-test-seal-key-not-secret!', 'utf8');

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const HKDF_SALT = 'wangge/seal';
const ENC_INFO = 'wangge/seal/v1/aes-256-gcm';
const HASH_INFO = 'wangge/seal/v1/hmac-sha256';
/** Purposes name a column: 'case.reporter_phone', 'person.id_number'. */
const PURPOSE_RE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const B64URL_RE = /^[A-Za-z0-9_-]*$/;
const B64_KEY_RE = /^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43}=?)$/;

function checkPurpose(purpose: string): void {
  if (!PURPOSE_RE.test(purpose)) {
    throw new RangeError(`seal purpose must look like 'table.column', got ${JSON.stringify(purpose)}`);
  }
}

function keyError(field: string, zh: string, en: string): AppError {
  return new AppError('SEAL_KEY_INVALID', { issues: [{ field, zh, en }] });
}

function sealedInvalid(purpose: string): AppError {
  return new AppError('SEALED_VALUE_INVALID', { details: { purpose } });
}

/** Canonical base64url decoding: undefined for any other alphabet or padding. */
function fromB64url(s: string): Buffer | undefined {
  if (!B64URL_RE.test(s)) return undefined;
  const b = Buffer.from(s, 'base64url');
  return b.toString('base64url') === s ? b : undefined;
}

/** Seals, opens and hashes personal values with sub-keys derived from one master key. */
export class Sealer {
  readonly #encKey: Buffer;
  readonly #hashKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== KEY_BYTES) {
      throw keyError('key', `密钥应为 ${KEY_BYTES} 字节`, `the key must be ${KEY_BYTES} bytes`);
    }
    this.#encKey = Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, ENC_INFO, KEY_BYTES));
    this.#hashKey = Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, HASH_INFO, KEY_BYTES));
  }

  /** Encrypts `plain` for the column `purpose`: 'v1.<iv>.<ciphertext>.<tag>' (base64url), new IV each time. */
  seal(plain: string, purpose: string): string {
    checkPurpose(purpose);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}:${purpose}`, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
  }

  /** Decrypts a value sealed for `purpose`; SEALED_VALUE_INVALID if malformed, tampered with or sealed for another purpose. */
  open(sealed: string, purpose: string): string {
    checkPurpose(purpose);
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw sealedInvalid(purpose);
    const iv = fromB64url(parts[1] ?? '');
    const ct = fromB64url(parts[2] ?? '');
    const tag = fromB64url(parts[3] ?? '');
    if (!iv || !ct || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw sealedInvalid(purpose);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#encKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${VERSION}:${purpose}`, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    } catch {
      throw sealedInvalid(purpose);
    }
  }

  /**
   * Keyed hash (HMAC-SHA256, hex) of the trimmed, NFC-normalised value for exact lookup in
   * `purpose`'s column. Normalise domain values (phones, ID numbers) before hashing.
   */
  hash(plain: string, purpose: string): string {
    checkPurpose(purpose);
    return createHmac('sha256', this.#hashKey)
      .update(`${VERSION}:${purpose}\u0000`, 'utf8')
      .update(plain.normalize('NFC').trim(), 'utf8')
      .digest('hex');
  }
}

/** A Sealer for a 32-byte master key (from loadSealKey, or SEAL_KEY_FOR_TESTS in tests). */
export function createSealer(key: Buffer): Sealer {
  return new Sealer(key);
}

function decodeKey(text: string): Buffer | undefined {
  if (!B64_KEY_RE.test(text)) return undefined;
  const key = Buffer.from(text, 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

const KEY_FORMAT_ZH = `应为 ${KEY_BYTES} 字节随机数的 base64 编码（可用 openssl rand -base64 32 生成）`;
const KEY_FORMAT_EN = `must be the base64 of ${KEY_BYTES} random bytes (make one with: openssl rand -base64 32)`;

function createKeyFile(path: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600); // whatever the umask
    linkSync(tmp, path); // atomic create-once: a concurrent process's key wins, ours is dropped
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
}

function readOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, SEAL_KEY_FILE);
  let text: string;
  try {
    if (!existsSync(path)) {
      mkdirSync(dataDir, { recursive: true });
      createKeyFile(path);
    }
    text = readFileSync(path, 'utf8').trim();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw keyError(path, `无法读取或创建密钥文件（${code}）`, `cannot read or create the key file (${code})`);
  }
  const key = decodeKey(text);
  if (!key) throw keyError(path, KEY_FORMAT_ZH, KEY_FORMAT_EN);
  return key;
}

/**
 * The master key: WANGGE_SEAL_KEY (`env`) when set; otherwise, in demo mode only,
 * `<dataDir>/seal.key`, created once (mode 0600) and reused. Throws SEAL_KEY_INVALID naming the source.
 */
export function loadSealKey(opts: {
  env?: string | undefined;
  dataDir?: string | undefined;
  mode: 'demo' | 'production';
}): Buffer {
  const env = opts.env?.trim();
  if (env) {
    const key = decodeKey(env);
    if (!key) throw keyError(SEAL_KEY_ENV, KEY_FORMAT_ZH, KEY_FORMAT_EN);
    if (opts.mode === 'production' && key.equals(SEAL_KEY_FOR_TESTS)) {
      throw keyError(
        SEAL_KEY_ENV,
        '生产模式不得使用测试密钥',
        'must not be the public test key in production',
      );
    }
    return key;
  }
  if (opts.mode === 'production') {
    throw keyError(
      SEAL_KEY_ENV,
      `生产模式必须设置，${KEY_FORMAT_ZH}；请妥善备份，丢失后已加密的个人信息无法恢复`,
      `must be set in production; it ${KEY_FORMAT_EN}. Back it up: without it sealed data is lost`,
    );
  }
  if (!opts.dataDir) {
    throw keyError(
      'dataDir',
      '演示模式需要数据目录来保存密钥',
      'demo mode needs a data directory to keep the key',
    );
  }
  return readOrCreateKeyFile(opts.dataDir);
}
