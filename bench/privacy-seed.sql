-- bench/privacy --seed: :n finished certificates as a year of the pipeline leaves them, written
-- straight into a database the node has migrated: each certificate verified a year and a day ago
-- with its four stages, its two platform events (one with a detail that names the learner), a
-- stored report body per 500 certificates (their code, number and name) and the chunk's items,
-- and its finished process instance in Camunda's history under the redemption code. Every store
-- the retention job erases is there, at the size a year of 100,000 certificates gives it.
\set ON_ERROR_STOP on
begin;
insert into certificate (id, completion_id, redemption_code, certificate_number, platform,
  learner_id, learner_name, learner_email, prakerja_name, course_id, course_title, completed_at,
  review_submitted, content_hash, state, current_stage, action_reason, created_at, updated_at, version)
select md5('c' || i)::uuid, 'seed-' || i, 'SEED' || lpad(i::text, 8, '0'), 'SA-SEED-' || i,
  (array['BUKALAPAK','PINTARIA','TOKOPEDIA','PIJAR_MAHIR','KARIERMU'])[1 + i % 5],
  'u-seed-' || i, 'Peserta Seed ' || i, 'peserta' || i || '@seed.example', 'PESERTA SEED ' || i,
  'c-77', 'Digital Marketing untuk UMKM', now() - interval '380 days', true, md5('h' || i),
  'VERIFIED', null, null, now() - interval '380 days', now() - interval '366 days', 3
from generate_series(1, :n) i;

insert into certificate_stage (certificate_id, stage, status, completed_at, due_at, started_at)
select md5('c' || i)::uuid, s.stage, 'DONE', now() - interval '366 days', now() - interval '366 days', null
from generate_series(1, :n) i
cross join (values ('CLASS_COMPLETED'), ('REPORTED_TO_PLATFORM'), ('REPORTED_TO_PMO'), ('VERIFIED_BY_PMO')) s(stage);

insert into platform_event (id, platform, event_id, type, certificate_id, occurred_at, reason,
  detail, received_at, status, applied_at)
select md5('e' || i || t.type)::uuid,
  (array['BUKALAPAK','PINTARIA','TOKOPEDIA','PIJAR_MAHIR','KARIERMU'])[1 + i % 5],
  'seed-' || t.type || '-' || i, t.type, md5('c' || i)::uuid, now() - interval '366 days', null,
  case when t.type = 'PMO_VERIFIED' then 'diverifikasi atas nama Peserta Seed ' || i end,
  now() - interval '366 days', 'APPLIED', now() - interval '366 days'
from generate_series(1, :n) i cross join (values ('REPORTED_TO_PMO'), ('PMO_VERIFIED')) t(type);

insert into report_chunk (batch_id, platform, run_slot, report_date, seq, payload, status,
  created_at, answered_at)
select 'SEED-' || b, 'TOKOPEDIA', '2025-01-01T10:00', date '2025-01-01', b,
  '{"batchId":"SEED-' || b || '","provider":"LP-DEMO","reports":[' || string_agg(
    '{"redemptionCode":"SEED' || lpad(i::text, 8, '0') || '","certificateNumber":"SA-SEED-' || i
    || '","participantName":"Peserta Seed ' || i || '","courseId":"c-77","completedAt":'
    || '"2025-01-01T08:00+07:00","reviewSubmitted":true}', ',' order by i) || ']}',
  'SENT', now() - interval '380 days', now() - interval '380 days'
from generate_series(1, :n) i cross join lateral (select (i - 1) / 500 + 1 as b) chunk
group by b;

insert into report_chunk_item (batch_id, certificate_id)
select 'SEED-' || ((i - 1) / 500 + 1), md5('c' || i)::uuid from generate_series(1, :n) i;

insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_,
  START_TIME_, END_TIME_, DURATION_, START_ACT_ID_, END_ACT_ID_, ROOT_PROC_INST_ID_, STATE_)
select 'seed-' || i, 'seed-' || i, 'SEED' || lpad(i::text, 8, '0'), 'certificate-reporting',
  (select ID_ from ACT_RE_PROCDEF where KEY_ = 'certificate-reporting' order by VERSION_ desc limit 1),
  now() - interval '380 days', now() - interval '366 days', 1209600000, 'StartEvent_ClassCompleted',
  'EndEvent_CertificateVerified', 'seed-' || i, 'COMPLETED'
from generate_series(1, :n) i;
commit;
analyze;
