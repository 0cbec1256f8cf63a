-- Provider callbacks (Twilio status, Gmail ids) name the provider's message id, not ours.
CREATE INDEX IF NOT EXISTS outbound_sends_provider ON outbound_sends (provider_message_id);

-- Gmail push sync: the last history id processed per mailbox.
CREATE TABLE IF NOT EXISTS gmail_sync (
  email_address text PRIMARY KEY,
  history_id    numeric NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
