-- metric_watermark counts the writes that change what the dashboards
-- show (a batch of events applied to the rollups and ticket states, a
-- spike alert raised, counts added by hand). It moves in the same
-- transaction as the write, so a node that finds it unchanged knows an
-- overview it computed earlier is still exact; the one row is read on
-- every overview and bumped once per batch, never per event.
CREATE TABLE metric_watermark (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 0
);

INSERT INTO metric_watermark (id, version) VALUES (1, 0);
