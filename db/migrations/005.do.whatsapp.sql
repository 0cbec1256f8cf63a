-- Every WhatsApp message Twilio accepted for one of our replies. A reply over 1600 characters
-- leaves as several messages, each with its own SID, while outbound_sends keeps only the first:
-- status callbacks name whichever SID changed, so they are mapped back to the reply (and its
-- ticket) here. Written by the WhatsApp sender before it moves to the next part, which also lets a
-- retried reply skip the parts the customer already has.
CREATE TABLE IF NOT EXISTS whatsapp_sends (
  provider_message_id text PRIMARY KEY,
  reply_id            text NOT NULL,
  ticket_id           text NOT NULL,
  part                int  NOT NULL,
  parts               int  NOT NULL,
  status              text NOT NULL, -- Twilio's answer on accepting the part; later states go to the read model
  sent_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (reply_id, part)
);

-- The WhatsApp sender checks the 24-hour window on every reply: the customer's latest inbound
-- WhatsApp message. Without this, that is a scan of every message.
CREATE INDEX IF NOT EXISTS messages_customer_inbound ON messages (customer_id, channel, direction, created_at);
