-- Roll-ups for the recovery statistics (internal/recovery), so that a
-- period of any length reads a few thousand rows instead of every appeal.
-- Level 0 holds UTC days (bucket = created_at, or a move's at, / 86400000),
-- level 1 blocks of 16 days (bucket = day / 16), level 2 blocks of 256. A
-- period is read from the fewest whole buckets that tile its whole days,
-- and its partial days from the appeals and moves themselves. The recovery
-- store keeps every level in the transaction that inserts or moves an
-- appeal.
--
-- Amounts are decimals of at most 8 places (the quote rounds them so) and
-- are summed exactly as two integers: whole units and hundred-millionths.

-- Appeals created in a bucket, by what they are about and where they stand
-- now: a move takes one from its old status's row to its new one.
CREATE TABLE recovery_rollups (
    level     INTEGER NOT NULL,
    bucket    BIGINT  NOT NULL,
    cause     TEXT    NOT NULL,
    network   TEXT    NOT NULL,
    asset     TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    appeals   BIGINT  NOT NULL,
    net_whole BIGINT  NOT NULL,
    net_frac  BIGINT  NOT NULL,
    fee_whole BIGINT  NOT NULL,
    fee_frac  BIGINT  NOT NULL,
    PRIMARY KEY (level, bucket, cause, network, asset, status)
);

-- Moves made in a bucket out of each status, and the time spent there.
CREATE TABLE recovery_stage_rollups (
    level       INTEGER NOT NULL,
    bucket      BIGINT  NOT NULL,
    from_status TEXT    NOT NULL,
    moves       BIGINT  NOT NULL,
    spent_ms    BIGINT  NOT NULL,
    PRIMARY KEY (level, bucket, from_status)
);

-- Backfill from the appeals and moves already on file.
INSERT INTO recovery_rollups (level, bucket, cause, network, asset, status, appeals, net_whole, net_frac, fee_whole, fee_frac)
SELECT 0, created_at / 86400000, cause, network, asset, status, COUNT(*),
    SUM(CAST(split_part(net, '.', 1) AS BIGINT)), SUM(CAST(rpad(split_part(net, '.', 2), 8, '0') AS BIGINT)),
    SUM(CAST(split_part(fee, '.', 1) AS BIGINT)), SUM(CAST(rpad(split_part(fee, '.', 2), 8, '0') AS BIGINT))
FROM recovery_appeals GROUP BY created_at / 86400000, cause, network, asset, status;
INSERT INTO recovery_stage_rollups (level, bucket, from_status, moves, spent_ms)
SELECT 0, at / 86400000, from_status, COUNT(*), SUM(spent_ms)
FROM recovery_steps WHERE from_status <> '' GROUP BY at / 86400000, from_status;

-- Each level above from the one below.
INSERT INTO recovery_rollups (level, bucket, cause, network, asset, status, appeals, net_whole, net_frac, fee_whole, fee_frac)
SELECT 1, bucket / 16, cause, network, asset, status, SUM(appeals), SUM(net_whole), SUM(net_frac), SUM(fee_whole), SUM(fee_frac)
FROM recovery_rollups WHERE level = 0 GROUP BY bucket / 16, cause, network, asset, status;
INSERT INTO recovery_stage_rollups (level, bucket, from_status, moves, spent_ms)
SELECT 1, bucket / 16, from_status, SUM(moves), SUM(spent_ms) FROM recovery_stage_rollups WHERE level = 0 GROUP BY bucket / 16, from_status;
INSERT INTO recovery_rollups (level, bucket, cause, network, asset, status, appeals, net_whole, net_frac, fee_whole, fee_frac)
SELECT 2, bucket / 16, cause, network, asset, status, SUM(appeals), SUM(net_whole), SUM(net_frac), SUM(fee_whole), SUM(fee_frac)
FROM recovery_rollups WHERE level = 1 GROUP BY bucket / 16, cause, network, asset, status;
INSERT INTO recovery_stage_rollups (level, bucket, from_status, moves, spent_ms)
SELECT 2, bucket / 16, from_status, SUM(moves), SUM(spent_ms) FROM recovery_stage_rollups WHERE level = 1 GROUP BY bucket / 16, from_status;

-- The review queue of every open status: PostgreSQL reads this in due
-- order and stops at the page. With (status, due_at, id) alone it gathered
-- every open appeal for an IN list of five statuses, counted each one's
-- evidence and sorted them (21 ms at 500,000 appeals; 0.13 ms now).
CREATE INDEX recovery_appeals_open_due ON recovery_appeals (due_at, id) WHERE status IN ('submitted', 'checked', 'in_review', 'approved', 'executing');
