-- The certificate read model and the platform event inbox. Runs on H2 (MODE=PostgreSQL) and PostgreSQL.

create table certificate (
  id                  uuid          primary key,
  completion_id       varchar(64)   not null,
  redemption_code     varchar(32)   not null,
  certificate_number  varchar(64)   not null,
  platform            varchar(16)   not null,
  learner_id          varchar(128)  not null,
  learner_name        varchar(200)  not null,
  learner_email       varchar(254)  not null,
  prakerja_name       varchar(200)  not null,
  course_id           varchar(128)  not null,
  course_title        varchar(300)  not null,
  completed_at        timestamp with time zone not null,
  review_submitted    boolean       not null,
  -- SHA-256 of the completion as first received: a replay with the same content answers 200
  content_hash        varchar(64)   not null,
  state               varchar(20)   not null,
  current_stage       varchar(32),
  action_reason       varchar(32),
  created_at          timestamp with time zone not null,
  updated_at          timestamp with time zone not null,
  version             bigint        not null,
  -- the database, not the application, guarantees one certificate per completion and per code
  constraint uq_certificate_completion unique (completion_id),
  constraint uq_certificate_redemption unique (redemption_code)
);

create table certificate_stage (
  certificate_id  uuid         not null references certificate (id),
  stage           varchar(32)  not null,
  status          varchar(16)  not null,
  completed_at    timestamp with time zone,
  due_at          timestamp with time zone,
  primary key (certificate_id, stage)
);

-- Callbacks from the digital platforms, stored before they are applied (same transaction as the 202).
create table platform_event (
  id               uuid          primary key,
  platform         varchar(16)   not null,
  event_id         varchar(128)  not null,
  type             varchar(32)   not null,
  certificate_id   uuid          not null references certificate (id),
  occurred_at      timestamp with time zone not null,
  reason           varchar(64),
  detail           varchar(2000),
  received_at      timestamp with time zone not null,
  -- PENDING until the certificate can take it; APPLIED or SUPERSEDED (its stage was already done)
  status           varchar(16)   not null,
  applied_at       timestamp with time zone,
  constraint uq_platform_event unique (platform, event_id)
);

create index ix_platform_event_pending on platform_event (certificate_id, status);
