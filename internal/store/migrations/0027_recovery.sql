-- Deposit-recovery appeals (internal/recovery): the recovery matrix and fee
-- schedules admins edit, the quotes customers accept, the appeals with
-- their timeline and decisions, and the executions that credit or return.

-- What can be recovered where: mode 'direct', 'conditional' (condition
-- says which) or 'not_possible'; asset '*' is the network's default row.
CREATE TABLE recovery_matrix (
    network        TEXT    NOT NULL,
    asset          TEXT    NOT NULL,
    mode           TEXT    NOT NULL,
    condition      TEXT    NOT NULL DEFAULT '',
    expected_hours INTEGER NOT NULL,
    updated_by     BIGINT,
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (network, asset)
);

-- A fee schedule for an asset and a cause ('*' for any). kind 'percent'
-- (percent of the amount, between min_fee and max_fee) or 'fixed'
-- (fixed_fee); amounts are decimals in the appeal's asset. Appeals above
-- second_approval_above (same units; '' never) need two approvers.
CREATE TABLE recovery_fees (
    asset                 TEXT NOT NULL,
    cause                 TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    percent               TEXT NOT NULL DEFAULT '0',
    min_fee               TEXT NOT NULL DEFAULT '0',
    max_fee               TEXT NOT NULL DEFAULT '',
    fixed_fee             TEXT NOT NULL DEFAULT '0',
    second_approval_above TEXT NOT NULL DEFAULT '',
    updated_by            BIGINT,
    updated_at            BIGINT NOT NULL,
    PRIMARY KEY (asset, cause)
);

-- A quote offered to a customer for one deposit; accepting it submits the
-- appeal, and its terms are then fixed.
CREATE TABLE recovery_quotes (
    id             {{pk}},
    user_id        TEXT   NOT NULL,
    deposit_key    TEXT   NOT NULL,
    facts          TEXT   NOT NULL,
    fee            TEXT   NOT NULL,
    net            TEXT   NOT NULL,
    expected_hours INTEGER NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    accepted_at    BIGINT
);
CREATE INDEX recovery_quotes_user ON recovery_quotes (user_id, id);

CREATE TABLE recovery_appeals (
    id               {{pk}},
    user_id          TEXT    NOT NULL,
    ticket_id        BIGINT,
    quote_id         BIGINT  NOT NULL REFERENCES recovery_quotes (id),
    deposit_key      TEXT    NOT NULL,
    network          TEXT    NOT NULL,
    txid             TEXT    NOT NULL,
    out_index        INTEGER NOT NULL,
    asset            TEXT    NOT NULL,
    amount           TEXT    NOT NULL,
    address          TEXT    NOT NULL,
    memo             TEXT    NOT NULL DEFAULT '',
    from_address     TEXT    NOT NULL DEFAULT '',
    cause            TEXT    NOT NULL,
    diagnosis        TEXT    NOT NULL DEFAULT '',
    path             TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    fee              TEXT    NOT NULL,
    net              TEXT    NOT NULL,
    needs            TEXT    NOT NULL DEFAULT '',
    proof_address    TEXT    NOT NULL DEFAULT '',
    proof_at         BIGINT,
    language         TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    first_approver   BIGINT,
    second_approver  BIGINT,
    needs_second     INTEGER NOT NULL DEFAULT 0,
    reviewer_id      BIGINT,
    reason           TEXT    NOT NULL DEFAULT '',
    last_error       TEXT    NOT NULL DEFAULT '',
    result_ref       TEXT    NOT NULL DEFAULT '',
    result_txid      TEXT    NOT NULL DEFAULT '',
    created_at       BIGINT  NOT NULL,
    status_at        BIGINT  NOT NULL,
    due_at           BIGINT  NOT NULL,
    closed_at        BIGINT
);
-- One open appeal per deposit, enforced here and not only in code.
CREATE UNIQUE INDEX recovery_appeals_open ON recovery_appeals (deposit_key) WHERE status NOT IN ('completed', 'rejected');
-- Credited (or returned) once, ever.
CREATE UNIQUE INDEX recovery_appeals_done ON recovery_appeals (deposit_key) WHERE status = 'completed';
CREATE INDEX recovery_appeals_queue ON recovery_appeals (status, due_at, id);
CREATE INDEX recovery_appeals_user ON recovery_appeals (user_id, id);
-- Statistics read a period's appeals from this index alone.
CREATE INDEX recovery_appeals_created ON recovery_appeals (created_at, cause, network, asset, status, net, fee);

-- The claim on a deposit's one credit or return: inserted before the
-- exchange is asked, so no second appeal can execute for the same deposit.
CREATE TABLE recovery_executions (
    deposit_key TEXT   NOT NULL PRIMARY KEY,
    appeal_id   BIGINT NOT NULL REFERENCES recovery_appeals (id),
    state       TEXT   NOT NULL,
    started_at  BIGINT NOT NULL,
    done_at     BIGINT
);

-- The timeline: one row per step, with who took it and why.
-- A step that changed the status says which status it left (from_status)
-- and how long the appeal spent there (spent_ms), for time per stage.
CREATE TABLE recovery_steps (
    id          {{pk}},
    appeal_id   BIGINT NOT NULL REFERENCES recovery_appeals (id),
    status      TEXT   NOT NULL,
    actor       TEXT   NOT NULL,
    note        TEXT   NOT NULL DEFAULT '',
    from_status TEXT   NOT NULL DEFAULT '',
    spent_ms    BIGINT NOT NULL DEFAULT 0,
    at          BIGINT NOT NULL
);
CREATE INDEX recovery_steps_appeal ON recovery_steps (appeal_id, id);
CREATE INDEX recovery_steps_stage ON recovery_steps (at, from_status, spent_ms);

-- Evidence the customer uploads (attachment ids of internal/attach) or
-- the proof of ownership they sign.
CREATE TABLE recovery_evidence (
    id            {{pk}},
    appeal_id     BIGINT NOT NULL REFERENCES recovery_appeals (id),
    kind          TEXT   NOT NULL,
    attachment_id BIGINT,
    note          TEXT   NOT NULL DEFAULT '',
    at            BIGINT NOT NULL
);
CREATE INDEX recovery_evidence_appeal ON recovery_evidence (appeal_id, id);
