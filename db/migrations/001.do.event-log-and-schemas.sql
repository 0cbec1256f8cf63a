-- The embedded transport's durable log and the local schema store that stands in for the registry.
-- Unused (but harmless) when the product runs on Kafka + a schema registry.
CREATE TABLE IF NOT EXISTS event_log (
  topic      text        NOT NULL,
  seq        bigserial   PRIMARY KEY,
  key        text,
  value      bytea       NOT NULL,
  headers    jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS event_log_topic_seq ON event_log (topic, seq);

CREATE TABLE IF NOT EXISTS consumer_offsets (
  group_id  text   NOT NULL,
  topic     text   NOT NULL,
  committed bigint NOT NULL,
  PRIMARY KEY (group_id, topic)
);

CREATE TABLE IF NOT EXISTS schema_store (
  id          serial PRIMARY KEY,
  subject     text   NOT NULL,
  version     int    NOT NULL,
  schema      text   NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject, version)
);
