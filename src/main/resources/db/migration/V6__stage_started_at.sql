-- When the stage in progress started counting: the deadline is its SLA in working days from here,
-- and is counted again from here when the calendar changes.
alter table certificate_stage add column started_at timestamp with time zone;
