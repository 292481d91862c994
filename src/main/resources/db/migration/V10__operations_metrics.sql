-- The gauges over the read model, computed by one node per period (operations.MetricsSnapshot,
-- a ShedLock schedule) and read by every node's scrape: one row, the latest snapshot as JSON.
create table metrics_snapshot (
  id        integer      primary key,
  taken_at  timestamp with time zone not null,
  body      text         not null
);

-- what the snapshot groups and the reconciliation lists: the open certificates by stage and
-- platform, without reading the finished ones
create index ix_certificate_open on certificate (state, current_stage, platform);

-- the inbox's backlog (how many events wait to be applied, and since when) without reading the
-- events already applied
create index ix_platform_event_status on platform_event (status, received_at);
