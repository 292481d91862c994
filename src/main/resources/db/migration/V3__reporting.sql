-- The daily report to the digital platforms. Runs on H2 and PostgreSQL.

-- One row per scheduled run: the primary key is what stops two nodes (or two timers) from
-- running the same report twice.
create table report_run (
  slot        varchar(16)  primary key,   -- the scheduled minute in Jakarta, 2026-11-30T10:00
  started_at  timestamp with time zone not null
);

-- One request to a platform. The payload is kept so that a retry sends the same bytes under the
-- same Idempotency-Key (the batch id).
create table report_chunk (
  batch_id     varchar(64)   primary key,
  platform     varchar(16)   not null,
  run_slot     varchar(16)   not null,
  report_date  date          not null,
  seq          integer       not null,
  payload      text          not null,
  -- PENDING until the platform answered; SENT once answered; SUPERSEDED when a later run took
  -- its certificates over after its retries ran out
  status       varchar(16)   not null,
  created_at   timestamp with time zone not null,
  answered_at  timestamp with time zone,
  constraint uq_report_chunk_seq unique (platform, report_date, seq)
);

create table report_chunk_item (
  batch_id        varchar(64)  not null references report_chunk (batch_id),
  certificate_id  uuid         not null references certificate (id),
  primary key (batch_id, certificate_id)
);

create index ix_report_chunk_item_certificate on report_chunk_item (certificate_id);
create index ix_report_chunk_pending on report_chunk (platform, status);
-- what the daily report collects: certificates waiting for their report, per platform
create index ix_certificate_due_report on certificate (platform, current_stage, state, completed_at);
