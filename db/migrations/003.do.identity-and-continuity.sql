-- The identity stage's own records (not read models): which customer owns each identifier, and
-- each customer's current conversation. Claiming an identifier is an atomic insert, so two
-- messages from the same new person processed at once still resolve to one customer.
CREATE TABLE IF NOT EXISTS identity_claims (
  kind        text NOT NULL CHECK (kind IN ('email', 'phone')),
  value       text NOT NULL,
  customer_id uuid NOT NULL,
  claimed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (kind, value)
);
CREATE INDEX IF NOT EXISTS identity_claims_customer ON identity_claims (customer_id);

CREATE TABLE IF NOT EXISTS conversation_heads (
  customer_id     uuid PRIMARY KEY,
  conversation_id uuid NOT NULL,
  ticket_id       text NOT NULL,
  channel         text NOT NULL,
  thread_id       text,
  last_message_at timestamptz NOT NULL
);

-- Merged customers stay as rows (history kept) and point at the customer they became.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS merged_into uuid;

-- Daily sentiment and volume per channel, for the analysts' report.
CREATE OR REPLACE VIEW daily_sentiment AS
SELECT date_trunc('day', created_at)::date AS day,
       channel,
       count(*)                     AS messages,
       avg(sentiment)               AS avg_sentiment,
       count(*) FILTER (WHERE sentiment < 0.3) AS negative_messages
  FROM messages
 WHERE direction = 'inbound' AND sentiment IS NOT NULL
 GROUP BY 1, 2;

-- The message that opened the conversation: its redelivery must decide "new" again, not "continue".
ALTER TABLE conversation_heads ADD COLUMN IF NOT EXISTS opened_by text;

-- A stage that writes its own records (identity) stores the events it decided in the same
-- transaction; a redelivered input republishes exactly those, even though the records moved on.
CREATE TABLE IF NOT EXISTS stage_outputs (
  stage      text NOT NULL,
  event_id   text NOT NULL,
  events     jsonb NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stage, event_id)
);
