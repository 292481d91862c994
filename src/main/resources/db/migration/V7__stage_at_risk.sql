-- When the stage in progress has spent 75% of its time: from then until its deadline it is at risk.
alter table certificate_stage add column at_risk_at timestamp with time zone;
create index ix_certificate_stage_at_risk on certificate_stage (at_risk_at);
