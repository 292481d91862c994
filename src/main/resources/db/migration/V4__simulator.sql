-- The demo simulator of the five digital platforms and the PMO (sertiflow.simulator.*).
-- Plain SQL that runs on H2 in its default mode and on PostgreSQL. The tables stay empty unless
-- the simulator is enabled.

-- One row per report request a simulated platform answered: a repeat of the same
-- Idempotency-Key gets the stored answer back and schedules nothing new.
create table simulator_report_batch (
  platform          varchar(16)       not null,
  idempotency_key   varchar(200)      not null,
  batch_id          varchar(200),
  received_at       timestamp with time zone not null,
  -- the JSON answer exactly as first given: {"accepted": [...], "rejected": [...]}
  answer            varchar(1000000)  not null,
  constraint pk_simulator_report_batch primary key (platform, idempotency_key)
);

-- How many times each platform accepted each redemption code: tests and benchmarks assert
-- "accepted exactly once".
create table simulator_accepted_report (
  platform           varchar(16)  not null,
  redemption_code    varchar(32)  not null,
  accepted_count     integer      not null,
  first_accepted_at  timestamp with time zone not null,
  last_accepted_at   timestamp with time zone not null,
  constraint pk_simulator_accepted_report primary key (platform, redemption_code)
);

-- Callbacks the simulated platforms will send, each when it falls due. A node claims due rows
-- (claimed_by) before it sends them, and marks them sent only after SertiFlow's 202.
create table simulator_event (
  id               varchar(64)   not null primary key,
  platform         varchar(16)   not null,
  type             varchar(32)   not null,
  redemption_code  varchar(32)   not null,
  reason           varchar(64),
  detail           varchar(500),
  due_at           timestamp with time zone not null,
  created_at       timestamp with time zone not null,
  claimed_by       varchar(100),
  claimed_at       timestamp with time zone,
  sent_at          timestamp with time zone
);

create index ix_simulator_event_due on simulator_event (sent_at, due_at);
create index ix_simulator_event_claim on simulator_event (claimed_by);
create index ix_simulator_event_code on simulator_event (redemption_code);

-- Cluster-wide leases, so that a job only one node should run (the demo feeder) runs on one.
create table simulator_lease (
  name        varchar(64)   not null primary key,
  holder      varchar(100),
  expires_at  timestamp with time zone
);

insert into simulator_lease (name) values ('feeder');
