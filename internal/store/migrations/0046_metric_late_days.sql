-- metric_late_days names the UTC days (Unix days) a late batch wrote to,
-- each with the history watermark of the latest such batch, in the same
-- transaction as the write. A node keeping sums over settled days drops
-- only those that cover a day named here since it last looked, so a
-- replay of one afternoon leaves every other month's sums kept. One row
-- per day at most.
CREATE TABLE metric_late_days (
    day     BIGINT PRIMARY KEY,
    history BIGINT NOT NULL
);

CREATE INDEX metric_late_days_history ON metric_late_days (history);
