-- Files attached to tickets (screenshots, PDFs), after attach.Clean: type
-- sniffed, images re-encoded. The bytes live behind attach.Blobs (this
-- database by default, in attachment_blobs, sealed with the message-body
-- keyring under AAD "attachment:<key>"); blob_key names them there.
CREATE TABLE attachments (
    id            {{pk}},
    ticket_id     BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    uploader_kind TEXT    NOT NULL,
    uploader_id   BIGINT,
    name          TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    size          BIGINT  NOT NULL,
    sha256        TEXT    NOT NULL,
    width         INTEGER NOT NULL DEFAULT 0,
    height        INTEGER NOT NULL DEFAULT 0,
    blob_key      TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, id);

CREATE TABLE attachment_blobs (
    blob_key   TEXT   NOT NULL PRIMARY KEY,
    data       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
