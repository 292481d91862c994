-- Which node runs a job that one node of many does per period, and until when (ShedLock's table,
-- engine.SharedSchedules): the lock ends at lock_until even if its node died holding it.
create table shedlock (
  name       varchar(64)  not null primary key,
  lock_until timestamp    not null,
  locked_at  timestamp    not null,
  locked_by  varchar(255) not null
);
