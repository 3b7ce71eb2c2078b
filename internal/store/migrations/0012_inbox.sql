-- The inbox: search by entity through a blind index, and order by latest
-- activity.

-- Keyed hashes (HMAC-SHA256, see internal/search) of the e-mail addresses,
-- TxIDs and blockchain addresses in each ticket's customer messages and
-- fields, written at intake. key_id names the encryption key the hash key
-- was derived from.
CREATE TABLE ticket_entities (
    digest    TEXT   NOT NULL,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    key_id    TEXT   NOT NULL,
    PRIMARY KEY (digest, ticket_id)
);
CREATE INDEX ticket_entities_ticket ON ticket_entities (ticket_id);

-- The inbox lists tickets by latest activity (updated_at), newest first.
-- One index: a message rewrites one entry of it (0010 removed the four
-- that led with updated_at for filters that did not need it).
CREATE INDEX tickets_activity ON tickets (updated_at, id);

-- When the customer started waiting for an answer: the time of their first
-- public message since the last public answer from an agent or the bot;
-- NULL when they are not waiting. The inbox's "waiting longest" view reads
-- it instead of each ticket's latest message.
ALTER TABLE tickets ADD COLUMN awaiting_since BIGINT;
UPDATE tickets SET awaiting_since = (
    SELECT MIN(m.created_at) FROM messages m
    WHERE m.ticket_id = tickets.id AND m.internal = 0 AND m.author_kind = 'customer'
      AND m.id > COALESCE((SELECT MAX(a.id) FROM messages a
                           WHERE a.ticket_id = tickets.id AND a.internal = 0 AND a.author_kind IN ('agent', 'bot')), 0));
CREATE INDEX tickets_awaiting ON tickets (awaiting_since, id) WHERE awaiting_since IS NOT NULL;
