// The roll's rows (CSV and .xlsx alike): a header row is skipped, phones are normalised, and every
// bad row is named with its line, field and reason in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRollRows, normalizeRollPhone } from '../../src/domain/proposals/roll-rows.ts';

const rows = (...r: [number, ...string[]][]) => r.map(([line, ...cells]) => ({ line, cells }));

void test('phones: spaces, dashes and the country code are dropped', () => {
  assert.deepEqual(
    ['138 0013 8000', '138-0013-8000', '+86 138 0013 8000', '8613800138000', '008613800138000', '86123'].map(
      normalizeRollPhone,
    ),
    ['13800138000', '13800138000', '13800138000', '13800138000', '13800138000', '86123'],
  );
});

void test('a good roll: the header (first non-empty row) is skipped, trailing empty cells ignored', () => {
  const r = checkRollRows(
    rows(
      [2, '', ''],
      [3, '户号', '手机号'],
      [4, '3-2-301', '13800138000', ''],
      [6, ' 3-2-302 ', '138 0013 8001'],
    ),
  );
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.members, [
    { line: 4, household: '3-2-301', phone: '13800138000' },
    { line: 6, household: '3-2-302', phone: '13800138001' },
  ]);
});

void test('every bad row is named: line, field, reason in Chinese and English', () => {
  const r = checkRollRows(
    rows(
      [1, 'household', 'phone'],
      [2, '3-2-301', '13800138000'],
      [3, '', '13800138009'],
      [4, '3-2-302', '12345'],
      [5, '3-2-303', '13800138000'],
      [7, '3-2-304', '13800138004', '备注'],
      [8, 'x'.repeat(51), '13800138005'],
    ),
  );
  assert.deepEqual(
    r.issues.map((i) => [i.line, i.field]),
    [
      [3, 'household'],
      [4, 'phone'],
      [5, 'phone'],
      [7, 'columns'],
      [8, 'household'],
    ],
  );
  assert.equal(r.issues[2]!.zh, '与第 2 行手机号重复');
  assert.equal(r.issues[2]!.en, 'repeats line 2');
  assert.ok(r.issues.every((i) => i.zh && i.en));
});

void test('an empty roll, or only a header, is refused as a whole', () => {
  for (const input of [rows(), rows([1, '户号', '手机号'])]) {
    const r = checkRollRows(input);
    assert.deepEqual(
      r.issues.map((i) => i.field),
      ['file'],
    );
    assert.match(r.issues[0]!.zh, /名册为空/);
  }
});
