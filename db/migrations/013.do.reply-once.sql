-- A reply's send is recorded before the provider is called (status 'sending', with when it was
-- first attempted). After a timeout, or a crash between the call and the record, the dispatcher
-- finds that row and asks the provider whether the reply arrived before it sends again.
ALTER TABLE outbound_sends ADD COLUMN IF NOT EXISTS attempted_at timestamptz;
