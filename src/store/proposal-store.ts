// Proposals, their roll, comments, ballots and results (migration 0006). The database enforces
// one ballot per voter key, the finality of results and of the ballots behind them.
import type { ProposalOption } from '../domain/proposals/proposal-rules.ts';
import type { Queryable } from './db.ts';

export interface ProposalRow {
  id: string;
  region_code: string;
  title: string;
  body: string;
  options: ProposalOption[];
  eligibility: 'resident' | 'household';
  pass_rule: 'more_than_half_of_eligible' | 'two_thirds_of_eligible' | 'more_than_half_of_votes';
  pass_option: string;
  allow_change: boolean;
  consultation_from: Date;
  consultation_to: Date;
  voting_from: Date;
  voting_to: Date;
  status: 'pending_approval' | 'published' | 'withdrawn';
  proposer_unit_id: string | null;
  created_by: string;
  approved_by: string | null;
  approved_at: Date | null;
  ballot_secret_sealed: string | null;
  created_at: Date;
  version: number;
}

export interface ResultRow {
  proposal_id: string;
  counts: Record<string, number>;
  votes: number;
  eligible: number;
  turnout: string | null;
  passed: boolean;
  published_at: Date;
}

export type NewProposal = Omit<ProposalRow, 'id' | 'approved_by' | 'approved_at' | 'version'>;

export async function insertProposal(q: Queryable, p: NewProposal): Promise<ProposalRow> {
  const cols = Object.keys(p) as (keyof NewProposal)[];
  const r = await q.query<ProposalRow>(
    `INSERT INTO proposals (${cols.join(', ')}) VALUES (${cols.map((c, i) => (c === 'options' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ')}) RETURNING *`,
    cols.map((c) => (c === 'options' ? JSON.stringify(p[c]) : p[c])),
  );
  return r.rows[0]!;
}

export async function findProposal(
  q: Queryable,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ProposalRow | undefined> {
  return (
    await q.query<ProposalRow>(
      `SELECT * FROM proposals WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    )
  ).rows[0];
}

export async function listProposals(
  q: Queryable,
  f: { like: string[]; publishedOnly: boolean; limit: number },
): Promise<ProposalRow[]> {
  return (
    await q.query<ProposalRow>(
      `SELECT * FROM proposals WHERE region_code LIKE ANY($1::text[]) AND (NOT $2::boolean OR status = 'published')
       ORDER BY voting_to DESC, id LIMIT $3`,
      [f.like, f.publishedOnly, f.limit],
    )
  ).rows;
}

export async function approveProposal(q: Queryable, id: string, by: string, at: Date): Promise<boolean> {
  const r = await q.query(
    `UPDATE proposals SET status = 'published', approved_by = $2, approved_at = $3, version = version + 1
     WHERE id = $1 AND status = 'pending_approval'`,
    [id, by, at],
  );
  return r.rowCount === 1;
}

/** Replaces the roll (before voting starts): all rows or none. */
export async function replaceRoll(
  q: Queryable,
  proposalId: string,
  rows: { household: string; phoneHash: string }[],
): Promise<void> {
  await q.query('DELETE FROM proposal_roll WHERE proposal_id = $1', [proposalId]);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await q.query(
      `INSERT INTO proposal_roll (proposal_id, household_code, phone_hash)
       SELECT $1, h, p FROM unnest($2::text[], $3::text[]) AS t(h, p)`,
      [proposalId, chunk.map((r) => r.household), chunk.map((r) => r.phoneHash)],
    );
  }
}

export async function rollEntry(
  q: Queryable,
  proposalId: string,
  phoneHash: string,
): Promise<{ household_code: string } | undefined> {
  return (
    await q.query<{ household_code: string }>(
      'SELECT household_code FROM proposal_roll WHERE proposal_id = $1 AND phone_hash = $2',
      [proposalId, phoneHash],
    )
  ).rows[0];
}

/** The size of a proposal's roll: members (phones) and households. */
export async function rollSize(
  q: Queryable,
  proposalId: string,
): Promise<{ members: number; households: number }> {
  const r = await q.query<{ members: number; households: number }>(
    `SELECT count(*)::int AS members, count(DISTINCT household_code)::int AS households
     FROM proposal_roll WHERE proposal_id = $1`,
    [proposalId],
  );
  return r.rows[0] ?? { members: 0, households: 0 };
}

/** How many may vote: households or members of the roll. */
export async function countEligible(
  q: Queryable,
  p: Pick<ProposalRow, 'id' | 'eligibility'>,
): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(DISTINCT ${p.eligibility === 'household' ? 'household_code' : 'phone_hash'})::int AS n
     FROM proposal_roll WHERE proposal_id = $1`,
    [p.id],
  );
  return r.rows[0]?.n ?? 0;
}

export async function insertComment(
  q: Queryable,
  c: { proposalId: string; household: string | null; body: string; at: Date },
): Promise<void> {
  await q.query(
    'INSERT INTO proposal_comments (proposal_id, household_code, body, at) VALUES ($1, $2, $3, $4)',
    [c.proposalId, c.household, c.body, c.at],
  );
}

export async function listComments(
  q: Queryable,
  proposalId: string,
): Promise<{ id: number; household_code: string | null; body: string; at: Date }[]> {
  return (
    await q.query<{ id: number; household_code: string | null; body: string; at: Date }>(
      'SELECT id, household_code, body, at FROM proposal_comments WHERE proposal_id = $1 ORDER BY id',
      [proposalId],
    )
  ).rows;
}

/** Casts a ballot: 'cast', 'changed' (allowed and different or same), or 'exists' (one per key). */
export async function castBallot(
  q: Queryable,
  b: { proposalId: string; ballotKey: string; option: string; allowChange: boolean },
): Promise<'cast' | 'changed' | 'exists'> {
  const ins = await q.query(
    `INSERT INTO proposal_ballots (proposal_id, ballot_key, option_key) VALUES ($1, $2, $3)
     ON CONFLICT (proposal_id, ballot_key) DO NOTHING`,
    [b.proposalId, b.ballotKey, b.option],
  );
  if (ins.rowCount === 1) return 'cast';
  if (!b.allowChange) return 'exists';
  await q.query('UPDATE proposal_ballots SET option_key = $3 WHERE proposal_id = $1 AND ballot_key = $2', [
    b.proposalId,
    b.ballotKey,
    b.option,
  ]);
  return 'changed';
}

export async function countBallots(q: Queryable, proposalId: string): Promise<Record<string, number>> {
  const r = await q.query<{ option_key: string; n: number }>(
    'SELECT option_key, count(*)::int AS n FROM proposal_ballots WHERE proposal_id = $1 GROUP BY option_key',
    [proposalId],
  );
  return Object.fromEntries(r.rows.map((x) => [x.option_key, x.n]));
}

export async function findResult(q: Queryable, proposalId: string): Promise<ResultRow | undefined> {
  return (await q.query<ResultRow>('SELECT * FROM proposal_results WHERE proposal_id = $1', [proposalId]))
    .rows[0];
}

/** Publishes the result once (a second call finds it there) and erases the ballot secret. */
export async function insertResult(
  q: Queryable,
  r: Omit<ResultRow, 'turnout'> & { turnout: number | null },
): Promise<void> {
  await q.query(
    `INSERT INTO proposal_results (proposal_id, counts, votes, eligible, turnout, passed, published_at)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7) ON CONFLICT (proposal_id) DO NOTHING`,
    [r.proposal_id, JSON.stringify(r.counts), r.votes, r.eligible, r.turnout, r.passed, r.published_at],
  );
  await q.query('UPDATE proposals SET ballot_secret_sealed = NULL WHERE id = $1', [r.proposal_id]);
}

/** Proposals whose voting has ended and whose result is not yet published. */
export async function dueForResult(q: Queryable, now: Date, limit: number): Promise<string[]> {
  return (
    await q.query<{ id: string }>(
      `SELECT p.id FROM proposals p WHERE p.status = 'published' AND p.voting_to <= $1
         AND NOT EXISTS (SELECT 1 FROM proposal_results r WHERE r.proposal_id = p.id) ORDER BY p.voting_to LIMIT $2`,
      [now, limit],
    )
  ).rows.map((r) => r.id);
}

export async function insertSmsCode(
  q: Queryable,
  c: { phoneHash: string; purpose: string; codeHash: string; at: Date; expiresAt: Date },
): Promise<void> {
  await q.query(
    'INSERT INTO sms_codes (phone_hash, purpose, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [c.phoneHash, c.purpose, c.codeHash, c.at, c.expiresAt],
  );
}

export async function latestSmsCode(
  q: Queryable,
  phoneHash: string,
  purpose: string,
): Promise<
  | {
      id: number;
      code_hash: string;
      expires_at: Date;
      attempts: number;
      used_at: Date | null;
      created_at: Date;
    }
  | undefined
> {
  return (
    await q.query<{
      id: number;
      code_hash: string;
      expires_at: Date;
      attempts: number;
      used_at: Date | null;
      created_at: Date;
    }>(
      'SELECT id, code_hash, expires_at, attempts, used_at, created_at FROM sms_codes WHERE phone_hash = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1 FOR UPDATE',
      [phoneHash, purpose],
    )
  ).rows[0];
}

export async function markSmsCode(q: Queryable, id: number, used: boolean, at: Date): Promise<void> {
  await q.query(
    `UPDATE sms_codes SET attempts = attempts + 1, used_at = CASE WHEN $2 THEN $3::timestamptz ELSE used_at END WHERE id = $1`,
    [id, used, at],
  );
}
