// A user's scope: the region subtrees they work in. Lists filter by it in SQL (LIKE prefixes);
// single reads check it here. An empty scope sees nothing.
import { AppError } from '../errors.ts';
import { scopePrefix } from './region-code.ts';

export interface Scope {
  /** 12-digit region codes of the subtrees. */
  regions: readonly string[];
}

/** LIKE patterns for SQL: `col LIKE ANY($n::text[])`. */
export function scopePatterns(scope: Scope): string[] {
  return scope.regions.map((r) => scopePrefix(r) + '%');
}

export function inScope(scope: Scope, code: string): boolean {
  return scope.regions.some((r) => code.startsWith(scopePrefix(r)));
}

/** Throws OUT_OF_SCOPE when the region or grid code is outside the scope. */
export function assertInScope(scope: Scope, code: string): void {
  if (!inScope(scope, code)) throw new AppError('OUT_OF_SCOPE', { details: { code } });
}
