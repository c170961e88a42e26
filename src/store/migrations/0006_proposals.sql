-- Proposals and e-voting (出卷 / 征求意见 / 电子票决) and one-time codes sent by SMS.
--
-- Secrecy of the ballot: a ballot row holds only the option and a ballot key =
-- HMAC(per-proposal secret, voter) — the voter being the household code (one vote per 户) or the
-- keyed hash of the resident's phone. While voting is open the server can find a voter's ballot to
-- refuse a second one (the primary key) or to replace it when the proposal allows; when the result
-- is published the secret is erased, and from then on no ballot can be tied to anyone. Ballots carry
-- no time and no person.

CREATE TABLE proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL REFERENCES regions (code), -- the community (village-level code)
  title text NOT NULL,
  body text NOT NULL,
  options jsonb NOT NULL,
  eligibility text NOT NULL CHECK (eligibility IN ('resident', 'household')),
  pass_rule text NOT NULL CHECK (pass_rule IN ('more_than_half_of_eligible', 'two_thirds_of_eligible', 'more_than_half_of_votes')),
  pass_option text NOT NULL,
  allow_change boolean NOT NULL DEFAULT false,
  consultation_from timestamptz NOT NULL,
  consultation_to timestamptz NOT NULL,
  voting_from timestamptz NOT NULL,
  voting_to timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending_approval', 'published', 'withdrawn')),
  proposer_unit_id text REFERENCES units (id),
  created_by uuid NOT NULL REFERENCES users (id),
  approved_by uuid REFERENCES users (id),
  approved_at timestamptz,
  ballot_secret_sealed text, -- NULL once the result is published
  created_at timestamptz NOT NULL,
  version int NOT NULL DEFAULT 1,
  CHECK (consultation_from < consultation_to AND consultation_to <= voting_from AND voting_from < voting_to)
);
CREATE INDEX proposals_region_idx ON proposals (region_code text_pattern_ops, voting_to);

-- The imported roll (名册) of households and their members' phones, until the resident registry
-- exists: the phone is kept only as a keyed hash.
CREATE TABLE proposal_roll (
  proposal_id uuid NOT NULL REFERENCES proposals (id),
  household_code text NOT NULL,
  phone_hash text NOT NULL,
  PRIMARY KEY (proposal_id, phone_hash)
);
CREATE INDEX proposal_roll_household_idx ON proposal_roll (proposal_id, household_code);

CREATE TABLE proposal_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id uuid NOT NULL REFERENCES proposals (id),
  household_code text, -- shown as the author's household (楼栋/户), never a phone
  body text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX proposal_comments_proposal_idx ON proposal_comments (proposal_id, id);

CREATE TABLE proposal_ballots (
  proposal_id uuid NOT NULL REFERENCES proposals (id),
  ballot_key text NOT NULL,
  option_key text NOT NULL,
  PRIMARY KEY (proposal_id, ballot_key)
);

CREATE TABLE proposal_results (
  proposal_id uuid PRIMARY KEY REFERENCES proposals (id),
  counts jsonb NOT NULL,
  votes int NOT NULL,
  eligible int NOT NULL,
  turnout numeric,
  passed boolean NOT NULL,
  published_at timestamptz NOT NULL
);

-- A published result is final: it cannot be changed or removed, and no ballot of its proposal can
-- be cast, changed or removed afterwards. A proposal that does not allow changing a vote refuses
-- any update of a ballot.
CREATE FUNCTION proposal_results_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'proposal result is final' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER proposal_results_final BEFORE UPDATE OR DELETE ON proposal_results
  FOR EACH ROW EXECUTE FUNCTION proposal_results_final();

CREATE FUNCTION proposal_ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pid uuid := COALESCE(NEW.proposal_id, OLD.proposal_id);
BEGIN
  IF EXISTS (SELECT 1 FROM proposal_results WHERE proposal_id = pid) THEN
    RAISE EXCEPTION 'voting on this proposal has closed' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'UPDATE' AND NOT (SELECT allow_change FROM proposals WHERE id = pid) THEN
    RAISE EXCEPTION 'this proposal does not allow changing a vote' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ballots are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER proposal_ballots_guard BEFORE INSERT OR UPDATE OR DELETE ON proposal_ballots
  FOR EACH ROW EXECUTE FUNCTION proposal_ballots_guard();

-- One-time codes sent by SMS (portal reports, voting): only hashes are kept; a code expires,
-- allows a few attempts and is used once.
CREATE TABLE sms_codes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone_hash text NOT NULL,
  purpose text NOT NULL,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  used_at timestamptz
);
CREATE INDEX sms_codes_phone_idx ON sms_codes (phone_hash, purpose, id DESC);
