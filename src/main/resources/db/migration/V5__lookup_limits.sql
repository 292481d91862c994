-- The rate limit of the learners' status look-up (POST /api/v1/status-lookups), shared by every
-- node. Plain SQL that runs on H2 in its default mode and on PostgreSQL.

-- One counter per key and fixed window: bucket is 'address:<client address>' or
-- 'code:<redemption code>'; window_start is the start of the window (UTC). Rows older than two
-- windows are deleted now and then by the look-ups themselves.
create table lookup_limit (
  bucket        varchar(100)  not null,
  window_start  timestamp with time zone not null,
  hits          integer       not null,
  constraint pk_lookup_limit primary key (bucket, window_start)
);

create index ix_lookup_limit_window on lookup_limit (window_start);
