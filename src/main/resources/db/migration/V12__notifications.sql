-- The learners' e-mails (id.sertiflow.notification). A notification is written here in the same
-- transaction as the change of the certificate that causes it, then sent by whichever node claims
-- it first. Plain SQL that runs on H2 in its default mode and on PostgreSQL.
create table notification (
  id               uuid          primary key,
  -- no reference to certificate: a mismatch found at intake is written before the new
  -- certificate's own row is flushed, in the same transaction
  certificate_id   uuid          not null,
  -- what happened, with what tells one occurrence from another: NAME_MISMATCH:<names>,
  -- PMO_REJECTED:<deadline>, STAGE_LATE:<stage>:<deadline>, VERIFIED. A replayed callback or a
  -- retried job meets this key and writes nothing.
  event_key        varchar(160)  not null,
  kind             varchar(32)   not null,
  recipient        varchar(320)  not null,
  subject          varchar(300)  not null,
  body_text        varchar(20000) not null,
  body_html        varchar(40000) not null,
  -- the signed link that stops further e-mails, also the List-Unsubscribe header (RFC 8058)
  opt_out_url      varchar(500)  not null,
  created_at       timestamp with time zone not null,
  -- PENDING until the SMTP server took it (SENT) or refused it for good (FAILED)
  status           varchar(16)   not null,
  attempts         integer       not null,
  next_attempt_at  timestamp with time zone not null,
  -- a node that claimed it sends it until then; a node killed mid-send lets go when it passes
  claimed_until    timestamp with time zone,
  claim_token      uuid,
  sent_at          timestamp with time zone,
  last_error       varchar(500),
  constraint uq_notification_event unique (certificate_id, event_key)
);

create index ix_notification_due on notification (status, next_attempt_at);

-- Certificates whose learner stopped the e-mails (the signed link in every e-mail).
create table notification_opt_out (
  certificate_id   uuid          primary key references certificate (id),
  opted_out_at     timestamp with time zone not null
);
