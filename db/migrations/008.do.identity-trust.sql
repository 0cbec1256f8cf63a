-- Verified vs claimed (docs/identity.md). A claim is verified when the channel proved the
-- identifier and the customer was born from it, or a person merged it in; everything else
-- (web-form fields, addresses stated in a message, a number that joined by naming an email) is
-- only claimed. Existing claims stay claimed: nothing recorded before proved anything.
ALTER TABLE identity_claims ADD COLUMN IF NOT EXISTS verified boolean NOT NULL DEFAULT false;
ALTER TABLE customer_identifiers ADD COLUMN IF NOT EXISTS verified boolean NOT NULL DEFAULT false;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS sender_verified boolean NOT NULL DEFAULT false;

-- One head per conversation (a customer linked by a claim has conversations that only their own
-- proven identifiers may continue), with the identifiers that proved themselves in it.
ALTER TABLE conversation_heads DROP CONSTRAINT IF EXISTS conversation_heads_pkey;
ALTER TABLE conversation_heads ADD PRIMARY KEY (conversation_id);
ALTER TABLE conversation_heads ADD COLUMN IF NOT EXISTS proven_by text[] NOT NULL DEFAULT '{}';
CREATE INDEX IF NOT EXISTS conversation_heads_customer ON conversation_heads (customer_id, last_message_at DESC);

-- Customers who may be one person, for a person to merge or dismiss; never merged automatically.
CREATE TABLE IF NOT EXISTS customer_link_suggestions (
  id           text PRIMARY KEY,
  customer_a   uuid NOT NULL,
  customer_b   uuid NOT NULL,
  identifiers  jsonb NOT NULL,
  reason       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'merged', 'dismissed')),
  suggested_at timestamptz NOT NULL,
  decided_by   text,
  decided_at   timestamptz
);
CREATE INDEX IF NOT EXISTS customer_link_suggestions_pending ON customer_link_suggestions (suggested_at) WHERE status = 'pending';

-- The latest customer message on a ticket: a resolve that did not see it must not bury it.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS last_inbound_at timestamptz;

-- Who each merged customer became. Every projection that re-points rows records the merge here
-- itself (the same rows, whichever gets there first) and follows the chain when it reads, so a
-- projection handling an event after a merge attributes it to the survivor whatever order the
-- merges of a chain arrived in.
CREATE TABLE IF NOT EXISTS customer_merges (
  merged_id   uuid PRIMARY KEY,
  survivor_id uuid NOT NULL,
  merged_at   timestamptz NOT NULL
);

-- The passages the agent considered before handing over, for the person who takes the ticket.
ALTER TABLE escalations ADD COLUMN IF NOT EXISTS knowledge_considered jsonb NOT NULL DEFAULT '[]';
