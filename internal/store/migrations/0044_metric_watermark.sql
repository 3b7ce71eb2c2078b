-- metric_watermark counts the writes that change what the dashboards
-- show, in the same transaction as the write, so that a node finding it
-- unchanged knows a figure it computed earlier is still exact. version
-- moves with every batch applied to the rollups and every spike alert;
-- history only when a batch reaches back more than two hours (a replay,
-- a consumer catching up), so sums over days well past stay good while
-- the current hours fill. Bumped once per batch, never per event.
CREATE TABLE metric_watermark (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0,
    history BIGINT NOT NULL DEFAULT 0
);

INSERT INTO metric_watermark (id, version, history) VALUES (1, 0, 0);
