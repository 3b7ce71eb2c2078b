-- message_macros records the macros an agent inserted into a public
-- reply, with the macro's language when it was sent (a macro edited or
-- deleted later leaves the record as it was), so that a QA review can
-- tell whether the canned text was in the customer's language. The
-- ticket comes from the message, which a merge moves.
CREATE TABLE message_macros (
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    macro_id   BIGINT NOT NULL,
    language   TEXT   NOT NULL,
    PRIMARY KEY (message_id, macro_id)
);
