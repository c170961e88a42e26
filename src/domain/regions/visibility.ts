// What part of the region tree a scope may see: its subtrees, plus the ancestors on the way to
// them (so a township inspector can still navigate city → county → township).
import { ancestorCodes, scopePrefix } from './region-code.ts';
import type { Scope } from './scope.ts';

export function visibleRegions(scope: Scope): { patterns: string[]; ancestors: string[] } {
  return {
    patterns: scope.regions.map((r) => scopePrefix(r) + '%'),
    ancestors: [...new Set(scope.regions.flatMap((r) => ancestorCodes(r)))],
  };
}

/** True when the region is in the scope or is an ancestor of part of it. */
export function isRegionVisible(scope: Scope, code: string): boolean {
  const v = visibleRegions(scope);
  return v.ancestors.includes(code) || scope.regions.some((r) => code.startsWith(scopePrefix(r)));
}
