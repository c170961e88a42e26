// Publishes the results of proposals whose voting window has closed (counted once, final).
import type { AppContext } from '../commands/context.ts';
import { publishDueResults } from '../commands/proposals/publish-results.ts';
import { startLoop } from './loop.ts';

export function startProposalResultsLoop(
  ctx: AppContext,
  everyMs: number,
  log: (e: unknown) => void,
): () => void {
  return startLoop(() => publishDueResults(ctx), everyMs, log);
}
