-- What analysts query (docs/analytics.md): response times projected from fte.metrics, views over
-- the read models, and the read-only role they connect as. Days are UTC days.

-- fte.metrics, projected: one row per sample. reply_latency_ms is "message received -> reply
-- sent", measured by the dispatcher; every column comes from the event.
CREATE TABLE IF NOT EXISTS reply_metrics (
  event_id    text PRIMARY KEY,
  name        text NOT NULL,
  channel     text,
  ticket_id   text,
  value       double precision NOT NULL,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS reply_metrics_name_time ON reply_metrics (name, occurred_at);
CREATE INDEX IF NOT EXISTS reply_metrics_ticket ON reply_metrics (ticket_id);

-- Every reply's response time: from the customer's message arriving to our reply leaving.
CREATE OR REPLACE VIEW response_times AS
SELECT r.ticket_id, r.channel, r.occurred_at AS replied_at, r.value AS response_ms
  FROM reply_metrics r
 WHERE r.name = 'reply_latency_ms';

-- One row per ticket with its milestones: opened, first reply, handed over, resolved.
CREATE OR REPLACE VIEW ticket_timeline AS
SELECT t.id AS ticket_id, t.number AS ticket_number, t.channel, t.status, t.category, t.priority, t.subject,
       t.customer_id, t.conversation_id, t.assignee,
       t.created_at AS opened_at,
       (SELECT min(m.created_at) FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'outbound') AS first_reply_at,
       t.escalated_at, t.escalation_reason, t.resolved_at,
       (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'inbound') AS messages_in,
       (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'outbound') AS messages_out,
       EXTRACT(EPOCH FROM (t.resolved_at - t.created_at)) AS resolution_seconds
  FROM tickets t;

-- Hand-overs to a person, with why, how urgent, how the customer felt, and what became of them.
CREATE OR REPLACE VIEW escalations_with_reasons AS
SELECT e.ticket_id, t.number AS ticket_number, t.conversation_id, t.channel, e.reason, e.priority, e.sentiment, e.summary, e.raised_at,
       t.status, t.assignee, t.resolved_at
  FROM escalations e LEFT JOIN tickets t ON t.id = e.ticket_id;

-- Per UTC day and channel: volume, hand-overs, sentiment, response-time percentiles.
CREATE OR REPLACE VIEW daily_channel_stats AS
WITH msg AS (
  SELECT (created_at AT TIME ZONE 'UTC')::date AS day, channel, direction, conversation_id, sentiment FROM messages
), volume AS (
  SELECT day, channel,
         count(DISTINCT conversation_id) FILTER (WHERE direction = 'inbound') AS conversations,
         count(*) FILTER (WHERE direction = 'inbound') AS messages_in,
         count(*) FILTER (WHERE direction = 'outbound') AS messages_out,
         avg(sentiment) FILTER (WHERE direction = 'inbound') AS avg_sentiment
    FROM msg GROUP BY 1, 2
), handed AS (
  SELECT (e.raised_at AT TIME ZONE 'UTC')::date AS day, t.channel, count(*) AS escalations,
         count(DISTINCT t.conversation_id) AS escalated_conversations
    FROM escalations e JOIN tickets t ON t.id = e.ticket_id GROUP BY 1, 2
), timing AS (
  SELECT (replied_at AT TIME ZONE 'UTC')::date AS day, channel,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY response_ms) AS p50_response_ms,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY response_ms) AS p95_response_ms
    FROM response_times GROUP BY 1, 2
)
SELECT v.day, v.channel, v.conversations, v.messages_in, v.messages_out,
       COALESCE(h.escalations, 0) AS escalations,
       -- As GET /metrics/channels counts it: conversations handed over / conversations (at most 1).
       CASE WHEN v.conversations > 0 THEN LEAST(1, COALESCE(h.escalated_conversations, 0)::double precision / v.conversations) END AS escalation_rate,
       v.avg_sentiment, r.p50_response_ms, r.p95_response_ms
  FROM volume v
  LEFT JOIN handed h ON h.day = v.day AND h.channel = v.channel
  LEFT JOIN timing r ON r.day = v.day AND r.channel = v.channel;

-- Redefined with UTC days: date_trunc on a timestamptz follows the session's time zone, so two
-- analysts in two zones saw different days.
CREATE OR REPLACE VIEW daily_sentiment AS
SELECT (created_at AT TIME ZONE 'UTC')::date AS day,
       channel,
       count(*)                     AS messages,
       avg(sentiment)               AS avg_sentiment,
       count(*) FILTER (WHERE sentiment < 0.3) AS negative_messages
  FROM messages
 WHERE direction = 'inbound' AND sentiment IS NOT NULL
 GROUP BY 1, 2;

-- Every identifier of every customer, and whether its link is proven or only claimed (docs/identity.md).
CREATE OR REPLACE VIEW identity_links AS
SELECT i.customer_id, c.name AS customer_name, i.kind, i.value,
       CASE WHEN i.verified THEN 'verified' ELSE 'claimed' END AS state, i.first_seen
  FROM customer_identifiers i LEFT JOIN customers c ON c.id = i.customer_id;

-- The analysts' role: SELECT on the views and read models, nothing else (no staff accounts,
-- sessions or secrets, no event log, no stage bookkeeping). Log in as a member of it:
--   CREATE ROLE ada LOGIN PASSWORD '...' IN ROLE fte_readonly;
-- A migrating user that may not create roles gets a warning instead; create the role by hand
-- (CREATE ROLE fte_readonly NOLOGIN) and the grants below can be run again from this file.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fte_readonly') THEN
    BEGIN
      CREATE ROLE fte_readonly NOLOGIN;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE WARNING 'role fte_readonly was not created: this user may not create roles (see docs/analytics.md)';
      RETURN;
    END;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO fte_readonly', current_schema());
  GRANT SELECT ON
    customers, customer_identifiers, customer_merges, customer_link_suggestions, conversations,
    tickets, messages, message_deliveries, escalations, ticket_notes, knowledge_base, reply_metrics,
    daily_sentiment, ticket_timeline, escalations_with_reasons, daily_channel_stats, response_times, identity_links
  TO fte_readonly;
END $$;
