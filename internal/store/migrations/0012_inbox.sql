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
