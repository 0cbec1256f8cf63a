-- The customer's way back to a ticket (gateways/webForm/README.md, "Coming back to a request").

-- The short number a customer is shown and types back in with their address (platform/ids.ts
-- ticketNumber: derived from the id, which stays the status link's secret). Filled by the tickets
-- projection; a ticket from before this migration gets it with its next event, and can meanwhile
-- be checked by its full id.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS number text;
CREATE INDEX IF NOT EXISTS tickets_number ON tickets (number);

-- A web-form follow-up on a resolved ticket opens a new one; the old ticket's page links to it.
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS follows_ticket_id text;
CREATE INDEX IF NOT EXISTS tickets_follows ON tickets (follows_ticket_id) WHERE follows_ticket_id IS NOT NULL;

-- Identity finds the conversation of the ticket a follow-up names.
CREATE INDEX IF NOT EXISTS conversation_heads_ticket ON conversation_heads (ticket_id);
