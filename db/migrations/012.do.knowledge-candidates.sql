-- Learning from resolved tickets (docs/agent.md "Learning from resolved tickets"): a person's
-- answer offered as knowledge waits here until an admin approves it into the knowledge base or
-- rejects it. Nothing here is ever searched for an answer: only knowledge_base is.

CREATE TABLE IF NOT EXISTS knowledge_candidates (
  id              text PRIMARY KEY,
  ticket_id       text NOT NULL,
  title           text NOT NULL,
  body            text NOT NULL,
  category        text NOT NULL,
  state           text NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
  proposed_by     text NOT NULL,
  proposed_by_name text NOT NULL,
  proposed_at     timestamptz NOT NULL,
  decided_by      text,
  decided_by_name text,
  decided_at      timestamptz,
  decision_note   text,
  article_id      text,
  -- For the near-duplicate check against articles and other candidates (same model only).
  embedding       vector(1536) NOT NULL,
  embedding_model text NOT NULL,
  -- The model's own "nearly the same" bar, kept with the vector it applies to.
  duplicate_score double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS knowledge_candidates_state ON knowledge_candidates (state, proposed_at);

-- The curation stage's record of each candidate's first decision: the one that counts, whatever
-- else arrives later (two admins deciding at once).
CREATE TABLE IF NOT EXISTS knowledge_decisions (
  candidate_id text PRIMARY KEY,
  event_id     text NOT NULL,
  state        text NOT NULL
);

-- Where an article came from: the demo dossier, or a resolved ticket through a candidate.
ALTER TABLE knowledge_base ADD COLUMN IF NOT EXISTS source text NOT NULL DEFAULT 'dossier';
ALTER TABLE knowledge_base ADD COLUMN IF NOT EXISTS source_ticket_id text;
ALTER TABLE knowledge_base ADD COLUMN IF NOT EXISTS candidate_id text;
