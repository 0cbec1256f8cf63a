-- Email copies of web-form replies, per recipient: the address on a form is only claimed, so the
-- support mailbox must not become a relay that mails whoever a stranger types in.
CREATE TABLE IF NOT EXISTS email_copies (
  reply_id  text PRIMARY KEY,
  recipient text NOT NULL,
  sent_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS email_copies_recipient ON email_copies (recipient, sent_at);
