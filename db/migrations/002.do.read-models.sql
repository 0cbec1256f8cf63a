CREATE EXTENSION IF NOT EXISTS vector;

-- Idempotency bookkeeping: a projection records each event it applied in the same transaction.
-- Read models are fed by separate consumers that may run in any order, so there are no foreign
-- keys between them: each row is written by upserts that tolerate its parent arriving later.

CREATE TABLE IF NOT EXISTS processed_events (
  consumer   text NOT NULL,
  event_id   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE IF NOT EXISTS customers (
  id         uuid PRIMARY KEY,
  name       text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS customer_identifiers (
  kind        text NOT NULL CHECK (kind IN ('email', 'phone')),
  value       text NOT NULL,
  customer_id uuid NOT NULL,
  first_seen  timestamptz NOT NULL,
  PRIMARY KEY (kind, value)
);
CREATE INDEX IF NOT EXISTS customer_identifiers_customer ON customer_identifiers (customer_id);

CREATE TABLE IF NOT EXISTS conversations (
  id          uuid PRIMARY KEY,
  customer_id uuid NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'web_form')),
  status      text NOT NULL DEFAULT 'open',
  sentiment   double precision,
  sentiment_samples int NOT NULL DEFAULT 0,
  started_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_customer ON conversations (customer_id);

CREATE TABLE IF NOT EXISTS tickets (
  id                  text PRIMARY KEY,
  customer_id         uuid,
  conversation_id     uuid,
  channel             text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'web_form')),
  subject             text,
  category            text,
  priority            text,
  status              text NOT NULL CHECK (status IN ('received', 'open', 'processing', 'responded', 'escalated', 'resolved', 'closed')),
  status_rank         int  NOT NULL,
  escalation_reason   text,
  escalation_priority text,
  escalated_at        timestamptz,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_customer ON tickets (customer_id);

CREATE TABLE IF NOT EXISTS messages (
  id                 text PRIMARY KEY,
  ticket_id          text NOT NULL,
  conversation_id    uuid,
  customer_id        uuid,
  direction          text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  role               text NOT NULL CHECK (role IN ('customer', 'agent', 'human')),
  channel            text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'web_form')),
  channel_message_id text,
  content            text NOT NULL,
  sentiment          double precision,
  created_at         timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_ticket ON messages (ticket_id, created_at);
CREATE INDEX IF NOT EXISTS messages_conversation ON messages (conversation_id, created_at);

-- Delivery state of outbound messages, kept apart from messages because status events can
-- be projected before the reply itself (they travel on different topics).
CREATE TABLE IF NOT EXISTS message_deliveries (
  message_id          text PRIMARY KEY,
  status              text NOT NULL,
  status_rank         int  NOT NULL,
  provider_message_id text,
  error               text,
  updated_at          timestamptz NOT NULL
);

-- The dispatcher's own record of what it has sent, so a redelivered reply is never sent twice.
CREATE TABLE IF NOT EXISTS outbound_sends (
  reply_id            text PRIMARY KEY,
  channel             text NOT NULL,
  status              text NOT NULL,
  provider_message_id text,
  error               text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS knowledge_base (
  id              text PRIMARY KEY,
  article_id      text NOT NULL,
  article_version int  NOT NULL,
  chunk_index     int  NOT NULL,
  title           text NOT NULL,
  category        text NOT NULL,
  content         text NOT NULL,
  embedding       vector(1536) NOT NULL,
  embedding_model text NOT NULL,
  search          tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')
                  ) STORED,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS knowledge_base_embedding ON knowledge_base USING hnsw (embedding vector_cosine_ops);
CREATE INDEX IF NOT EXISTS knowledge_base_search ON knowledge_base USING gin (search);
CREATE INDEX IF NOT EXISTS knowledge_base_article ON knowledge_base (article_id);

CREATE TABLE IF NOT EXISTS escalations (
  ticket_id   text PRIMARY KEY,
  reason      text NOT NULL,
  priority    text NOT NULL,
  sentiment   double precision,
  summary     text NOT NULL,
  raised_at   timestamptz NOT NULL
);

-- Dead letters, projected from fte.dlq so ops can list and replay them.
CREATE TABLE IF NOT EXISTS dead_letters (
  id             text PRIMARY KEY,
  source_topic   text NOT NULL,
  source_partition int NOT NULL,
  source_offset  text NOT NULL,
  group_id       text NOT NULL,
  message_key    text,
  error          text NOT NULL,
  attempts       int  NOT NULL,
  original_value bytea NOT NULL,
  failed_at      timestamptz NOT NULL,
  replayed_at    timestamptz
);
