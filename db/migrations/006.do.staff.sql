-- Staff accounts: people who sign in to work handed-over tickets. Not a read model: written by
-- `fte staff ...` and read by the gateway's authentication. A token is stored only as its
-- SHA-256 hash; it is shown once, when it is made.
CREATE TABLE IF NOT EXISTS staff (
  email       text PRIMARY KEY,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('admin', 'agent', 'analyst')),
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  token_set_at timestamptz NOT NULL DEFAULT now()
);

-- What staff do to tickets, projected from fte.staff.actions. A ticket a person owns (escalated,
-- assigned, or answered by a person) is one the agent no longer answers.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS assignee text;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS human_owned boolean NOT NULL DEFAULT false;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS last_staff_at timestamptz;
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS resolved_at timestamptz;

CREATE TABLE IF NOT EXISTS ticket_notes (
  id          text PRIMARY KEY,
  ticket_id   text NOT NULL,
  staff_email text NOT NULL,
  staff_name  text NOT NULL,
  note        text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ticket_notes_ticket ON ticket_notes (ticket_id, created_at);

-- Where a person's reply goes: the address and thread of the customer's message.
ALTER TABLE messages ADD COLUMN IF NOT EXISTS sender_email text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS sender_phone text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS thread_id text;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS author text;
