-- The audit log becomes several independent hash chains, so that audited
-- actions on different connections no longer take turns on one head row.
-- Chain 0 is the single chain of earlier versions, kept verifiable as it
-- was and closed; new entries go to chains 1..32, each with its own head in
-- audit_chains. seq stays the log's global order for listing; chain_seq is
-- an entry's place in its chain, which its hash covers.
CREATE TABLE audit_log_chained (
    seq         {{pk}},
    chain       INTEGER NOT NULL,
    chain_seq   BIGINT  NOT NULL,
    at          BIGINT  NOT NULL,
    actor_kind  TEXT    NOT NULL,
    actor_id    TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target_kind TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    ip          TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL,
    UNIQUE (chain, chain_seq)
);
-- Copied in seq order, so the new global seq numbers the old entries as before.
INSERT INTO audit_log_chained (chain, chain_seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash)
    SELECT 0, seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_chained RENAME TO audit_log;
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id);
CREATE INDEX audit_log_actor ON audit_log (actor_kind, actor_id);

-- One head per chain: the last link's chain_seq and hash. The set of rows
-- is fixed (0..32); Verify refuses a missing or extra one.
CREATE TABLE audit_chains (
    chain INTEGER PRIMARY KEY,
    seq   BIGINT  NOT NULL,
    hash  TEXT    NOT NULL
);
INSERT INTO audit_chains (chain, seq, hash) SELECT 0, seq, hash FROM audit_head WHERE id = 1;
INSERT INTO audit_chains (chain, seq, hash) VALUES
    (1, 0, ''), (2, 0, ''), (3, 0, ''), (4, 0, ''), (5, 0, ''), (6, 0, ''), (7, 0, ''), (8, 0, ''),
    (9, 0, ''), (10, 0, ''), (11, 0, ''), (12, 0, ''), (13, 0, ''), (14, 0, ''), (15, 0, ''), (16, 0, ''),
    (17, 0, ''), (18, 0, ''), (19, 0, ''), (20, 0, ''), (21, 0, ''), (22, 0, ''), (23, 0, ''), (24, 0, ''),
    (25, 0, ''), (26, 0, ''), (27, 0, ''), (28, 0, ''), (29, 0, ''), (30, 0, ''), (31, 0, ''), (32, 0, '');
DROP TABLE audit_head;

-- Idempotency-Keys are pruned by age. status 0 marks a claim, which only
-- the create's own transaction ever sees (the row commits with a status).
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
