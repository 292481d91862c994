-- Learners' personal data: erasure on request and anonymisation after retention
-- (docs/personal-data.md). Runs on H2 and PostgreSQL.

-- When the certificate's personal fields were replaced by placeholders (an erasure, or the
-- retention job); null while the learner's data is held. The row stays for the counts.
alter table certificate add column erased_at timestamp with time zone;

-- the privacy officer finds a learner's certificates by the learning platform's learner id
create index ix_certificate_learner on certificate (learner_id);
-- the retention job's walk: finished certificates not yet anonymised, oldest first
create index ix_certificate_retention on certificate (erased_at, state, updated_at);

-- One erasure: who asked (a privacy officer's user id, or "retention"), when, why, and of which
-- certificates. It holds no personal data: the request's learner id or code is not kept.
create table erasure (
  id            uuid          primary key,
  requested_by  varchar(128)  not null,
  erased_at     timestamp with time zone not null,
  reason        varchar(500)  not null,
  certificates  integer       not null
);

create index ix_erasure_erased_at on erasure (erased_at);

create table erasure_certificate (
  erasure_id      uuid  not null references erasure (id),
  certificate_id  uuid  not null references certificate (id),
  primary key (erasure_id, certificate_id)
);
