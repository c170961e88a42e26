import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ancestorCodes,
  levelOf,
  parseRegionCode,
  scopePrefix,
} from '../../src/domain/regions/region-code.ts';
import { inScope, scopePatterns } from '../../src/domain/regions/scope.ts';
import { isRegionVisible } from '../../src/domain/regions/visibility.ts';
import { AppError } from '../../src/domain/errors.ts';

void test('levels and prefixes of statistical codes', () => {
  assert.equal(levelOf('350000000000'), 'province');
  assert.equal(levelOf('350600000000'), 'city');
  assert.equal(levelOf('350602000000'), 'county');
  assert.equal(levelOf('350602005000'), 'township');
  assert.equal(levelOf('350602005001'), 'village');
  assert.equal(levelOf('35060200500'), undefined);
  assert.equal(scopePrefix('350602005000'), '350602005');
  assert.equal(scopePrefix('350602005001003'), '350602005001'); // a grid code scopes as its village
  assert.deepEqual(ancestorCodes('350602005001'), [
    '350000000000',
    '350600000000',
    '350602000000',
    '350602005000',
  ]);
});

void test('scope: a township subtree contains its villages and grids, not its neighbours', () => {
  const scope = { regions: ['350602005000'] };
  assert.deepEqual(scopePatterns(scope), ['350602005%']);
  assert.equal(inScope(scope, '350602005001'), true);
  assert.equal(inScope(scope, '350602005001002'), true);
  assert.equal(inScope(scope, '350602006001'), false);
  assert.equal(inScope(scope, '350602000000'), false);
  assert.equal(isRegionVisible(scope, '350602000000'), true, 'the county is visible as an ancestor');
  assert.equal(isRegionVisible(scope, '350603000000'), false);
});

void test('parseRegionCode pads short codes and names the field on refusal', () => {
  assert.equal(parseRegionCode('3506'), '350600000000');
  assert.equal(parseRegionCode('350602005'), '350602005000');
  assert.throws(
    () => parseRegionCode('35060', 'query.region'),
    (e: unknown) =>
      e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.issues[0]?.field === 'query.region',
  );
});
