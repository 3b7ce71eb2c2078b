-- The inbound guard's rolling state follows the customer, not the ticket:
-- a phrase begun in one conversation (a widget chat) and finished in
-- another (a new e-mail or API ticket, or one opened after the first was
-- closed) is still one phrase. One row per customer replaces the
-- per-ticket screen_state; states in flight are not carried over (they
-- are sealed to their ticket), so the guard only loses sight of the words
-- pending at the upgrade.
-- state: sealed with the message-body keyring (AAD
-- "screen_state:customer=<id>"). last_ref: the customer's latest text, a
-- message id, or minus a ticket id for that ticket's subject. warn and
-- warn_ticket: kinds of secret cut from a new ticket's subject or form
-- fields, for the warning after the customer's next message in that ticket.
DROP TABLE screen_state;
CREATE TABLE customer_screen_state (
    customer_id BIGINT NOT NULL PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    state       TEXT   NOT NULL,
    warn        TEXT   NOT NULL DEFAULT '',
    warn_ticket BIGINT,
    last_ref    BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
