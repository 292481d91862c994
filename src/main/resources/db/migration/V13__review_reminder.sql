-- When a learner without a review and rating was reminded of it, once per certificate (version 2
-- of certificate-reporting). A table of its own, not a column of certificate: a node still on the
-- previous release writes certificates without knowing it (expand first; nothing to contract).
create table review_reminder (
  certificate_id uuid primary key,
  reminded_at    timestamp with time zone not null
);
