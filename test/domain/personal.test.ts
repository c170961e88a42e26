// Personal data (pure): citizen ID numbers (GB 11643), masking for display, phone parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/domain/errors.ts';
import {
  citizenIdCheckChar,
  isValidCitizenId,
  parseCitizenId,
} from '../../src/domain/personal/citizen-id.ts';
import {
  maskAddress,
  maskCitizenId,
  maskName,
  maskPhone,
  parsePhone,
} from '../../src/domain/personal/mask.ts';

/** ISO 7064 MOD 11-2 written independently of the module: Σ dᵢ·2^(17−i) ≡ …, check = (12 − Σ mod 11) mod 11. */
function modCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

function issueOf(f: () => unknown): { field: string; zh: string; en: string } {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.code, 'VALIDATION_FAILED');
    const i = e.issues[0];
    assert.ok(i && i.zh.length > 0 && i.en.length > 0);
    return i;
  }
  assert.fail('expected a validation error');
}

const TODAY = new Date('2026-03-10T02:00:00Z');

void test('citizen ID: the GB 11643 sample 11010519491231002X and a hand-computed Zhangzhou number', () => {
  assert.deepEqual(parseCitizenId('11010519491231002X'), {
    id: '11010519491231002X',
    birthDate: '1949-12-31',
    sex: 'female',
    regionCode: '110105',
  });
  // 3·7+5·9+6·5+2·4+1·2+9·1+9·6+3·9+7·5+1·8+2·4+3·2 = 253 ≡ 0 (mod 11) → '1'
  assert.deepEqual(parseCitizenId(' 350602199003071231 ', 'id_number', TODAY), {
    id: '350602199003071231',
    birthDate: '1990-03-07',
    sex: 'male',
    regionCode: '350602',
  });
  assert.equal(parseCitizenId('11010519491231002x').id, '11010519491231002X'); // lower-case x normalised
  assert.equal(citizenIdCheckChar('11010519491231002'), 'X');
  assert.equal(isValidCitizenId('11010519491231002X'), true);
  assert.equal(isValidCitizenId('110105194912310021'), false);
});

void test('citizen ID refusals name the field and the reason, zh and en', () => {
  const wrongCheck = issueOf(() => parseCitizenId('110105194912310021', 'reporter.id_number'));
  assert.equal(wrongCheck.field, 'reporter.id_number');
  assert.match(wrongCheck.en, /should be X, not 1/);
  assert.match(wrongCheck.zh, /应为 X/);
  assert.match(issueOf(() => parseCitizenId('1101051949123100')).en, /18 characters.*got 16/);
  assert.match(issueOf(() => parseCitizenId('110105491231002')).en, /15-digit/);
  assert.match(issueOf(() => parseCitizenId('1101051949123100AX')).en, /digits/);
  assert.match(issueOf(() => parseCitizenId('11010519491231002Y')).en, /digits/);
  const id = (first17: string) => first17 + modCheck(first17);
  assert.match(issueOf(() => parseCitizenId(id('99010519491231002'))).en, /province code 99/);
  assert.match(issueOf(() => parseCitizenId(id('10010519491231002'))).en, /province code 10/);
  assert.match(issueOf(() => parseCitizenId(id('35060219000229123'))).en, /1900-02-29 does not exist/);
  assert.match(issueOf(() => parseCitizenId(id('35060219901301123'))).en, /does not exist/);
  assert.match(issueOf(() => parseCitizenId(id('35060218991231123'))).en, /does not exist/);
  assert.equal(parseCitizenId(id('35060220000229123')).birthDate, '2000-02-29');
  // born "today" in Shanghai (2026-03-10) is fine; tomorrow is refused, only when today is given
  assert.equal(parseCitizenId(id('35060220260310123'), 'id_number', TODAY).birthDate, '2026-03-10');
  assert.equal(
    parseCitizenId(id('35060220260310123'), 'id_number', new Date('2026-03-09T16:00:00Z')).birthDate,
    '2026-03-10',
  ); // 00:00 on the 10th in Shanghai
  assert.match(issueOf(() => parseCitizenId(id('35060220260311123'), 'x', TODAY)).en, /in the future/);
  assert.equal(isValidCitizenId(id('35060220260311123')), true);
  assert.equal(isValidCitizenId(id('35060220260311123'), TODAY), false);
});

const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
];
const validFirst17 = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    rest: fc.integer({ min: 0, max: 9999 }),
    born: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-03-09T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(
    ({ province, rest, born, seq }) =>
      `${province}${String(rest).padStart(4, '0')}${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`,
  );

void test('property: every generated valid ID parses; any single-character change is refused', () => {
  fc.assert(
    fc.property(validFirst17, fc.nat(17), fc.nat(9), (first17, pos, delta) => {
      const good = first17 + modCheck(first17);
      const p = parseCitizenId(good, 'id_number', TODAY);
      assert.equal(p.id, good);
      assert.equal(p.regionCode, good.slice(0, 6));
      assert.equal(p.sex, Number(good[16]) % 2 ? 'male' : 'female');
      assert.equal(p.birthDate.replace(/-/g, ''), good.slice(6, 14));
      const alphabet = pos === 17 ? '0123456789X' : '0123456789';
      const from = alphabet.indexOf(good.charAt(pos));
      const changed = alphabet.charAt((from + 1 + (delta % (alphabet.length - 1))) % alphabet.length);
      assert.notEqual(changed, good.charAt(pos));
      const bad = good.slice(0, pos) + changed + good.slice(pos + 1);
      assert.equal(isValidCitizenId(bad), false, bad);
      assert.throws(() => parseCitizenId(bad), AppError);
    }),
    { numRuns: 2000 },
  );
});

void test('masking table', () => {
  const table: [(s: string) => string, string, string][] = [
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '0596-2345678', '0596-***5678'],
    [maskPhone, '010-62345678', '010-****5678'],
    [maskPhone, '12345', '*2345'],
    [maskName, '张三', '张*'],
    [maskName, '李小龙', '李**'],
    [maskName, '欧阳娜娜', '欧***'],
    [maskName, '王', '*'],
    [maskName, '', ''],
    [maskName, '𠮷野家', '𠮷**'], // a character outside the BMP counts once
    [maskCitizenId, '11010519491231002X', '110105********002X'],
    [maskCitizenId, '12345', '*****'],
    [maskAddress, '福建省漳州市芗城区胜利西路12号3栋501室', '福建省漳州市芗城区胜利西路****'],
    [maskAddress, '龙文区蓝田镇梧浦村三组', '龙文区蓝田镇梧浦村****'],
    [maskAddress, '芗城区大通北路碧湖花园东区甲栋', '芗城区大通北路碧湖花园****'],
    [maskAddress, '芗城区大通北路', '芗城区大通北路'],
    [maskAddress, '１２号', '****'],
    [maskAddress, '某处某地', '某处****'],
    [maskAddress, '', ''],
  ];
  for (const [f, input, want] of table) assert.equal(f(input), want, `${f.name}(${input})`);
});

void test('phones: mobiles and landlines normalised; anything else refused naming the field', () => {
  const ok: [string, string][] = [
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'], // full-width digits
    ['19912345678', '19912345678'],
    ['0596-2345678', '0596-2345678'],
    ['0596 2345678', '0596-2345678'],
    ['05962345678', '0596-2345678'],
    ['(0596)2345678', '0596-2345678'],
    ['+86 596 2345678', '0596-2345678'],
    ['010-62345678', '010-62345678'],
    ['01062345678', '010-62345678'],
    ['+86-10-62345678', '010-62345678'],
    ['02188888888', '021-88888888'],
  ];
  for (const [input, want] of ok) assert.equal(parsePhone(input, 'reporter_phone'), want, input);
  for (const bad of [
    '',
    '12345678901', // 12… is not a mobile prefix
    '1381234567', // 10 digits
    '138123456789',
    '0596-234567', // local part too short
    '0596-1234567', // local numbers do not start with 1
    '0215-2345678', // 02x area codes have 3 digits
    '059-62345678', // other area codes have 4
    '110',
    'abc13812345678',
    '13812345678x',
  ]) {
    const issue = issueOf(() => parsePhone(bad, 'reporter_phone'));
    assert.equal(issue.field, 'reporter_phone', bad);
  }
  assert.equal(issueOf(() => parsePhone('1')).field, 'phone');
});
