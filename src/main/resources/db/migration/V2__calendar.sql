-- The working-day calendar: non-working dates that operators edit, and the years whose decree
-- (SKB 3 Menteri) is loaded. A year with no calendar_year row is provisional: only weekends and the
-- fixed-date national holidays (computed in code for every year) are known there.
-- Seed copied from src/main/resources/calendar/holidays-id-2025.csv and holidays-id-2026.csv.

create table holiday (
  date       date                     not null primary key,
  type       varchar(20)              not null
             constraint holiday_type_known check (type in ('NATIONAL_HOLIDAY', 'COLLECTIVE_LEAVE')),
  name       varchar(200)             not null,
  updated_at timestamp with time zone default current_timestamp not null
);

-- "year" is quoted because H2 treats year as a keyword
create table calendar_year (
  "year" integer      not null primary key,
  decree varchar(300) not null
);

insert into calendar_year ("year", decree) values
  (2025, 'SKB 1017/2024, 2/2024, 2/2024 (14 Oct 2024), as revised by SKB 933/2025, 1/2025, 3/2025 (7 Aug 2025)'),
  (2026, 'SKB 1497/2025, 2/2025, 5/2025 (19 Sep 2025)');

insert into holiday (date, type, name) values
  (DATE '2025-01-01', 'NATIONAL_HOLIDAY', 'Tahun Baru 2025 Masehi'),
  (DATE '2025-01-27', 'NATIONAL_HOLIDAY', 'Isra Mikraj Nabi Muhammad SAW'),
  (DATE '2025-01-28', 'COLLECTIVE_LEAVE', 'Cuti Bersama Tahun Baru Imlek 2576 Kongzili'),
  (DATE '2025-01-29', 'NATIONAL_HOLIDAY', 'Tahun Baru Imlek 2576 Kongzili'),
  (DATE '2025-03-28', 'COLLECTIVE_LEAVE', 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1947'),
  (DATE '2025-03-29', 'NATIONAL_HOLIDAY', 'Hari Suci Nyepi Tahun Baru Saka 1947'),
  (DATE '2025-03-31', 'NATIONAL_HOLIDAY', 'Idulfitri 1446 Hijriah'),
  (DATE '2025-04-01', 'NATIONAL_HOLIDAY', 'Idulfitri 1446 Hijriah'),
  (DATE '2025-04-02', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1446 Hijriah'),
  (DATE '2025-04-03', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1446 Hijriah'),
  (DATE '2025-04-04', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1446 Hijriah'),
  (DATE '2025-04-07', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1446 Hijriah'),
  (DATE '2025-04-18', 'NATIONAL_HOLIDAY', 'Wafat Yesus Kristus'),
  (DATE '2025-04-20', 'NATIONAL_HOLIDAY', 'Kebangkitan Yesus Kristus (Paskah)'),
  (DATE '2025-05-01', 'NATIONAL_HOLIDAY', 'Hari Buruh Internasional'),
  (DATE '2025-05-12', 'NATIONAL_HOLIDAY', 'Hari Raya Waisak 2569 BE'),
  (DATE '2025-05-13', 'COLLECTIVE_LEAVE', 'Cuti Bersama Hari Raya Waisak 2569 BE'),
  (DATE '2025-05-29', 'NATIONAL_HOLIDAY', 'Kenaikan Yesus Kristus'),
  (DATE '2025-05-30', 'COLLECTIVE_LEAVE', 'Cuti Bersama Kenaikan Yesus Kristus'),
  (DATE '2025-06-01', 'NATIONAL_HOLIDAY', 'Hari Lahir Pancasila'),
  (DATE '2025-06-06', 'NATIONAL_HOLIDAY', 'Iduladha 1446 Hijriah'),
  (DATE '2025-06-09', 'COLLECTIVE_LEAVE', 'Cuti Bersama Iduladha 1446 Hijriah'),
  (DATE '2025-06-27', 'NATIONAL_HOLIDAY', '1 Muharam Tahun Baru Islam 1447 Hijriah'),
  (DATE '2025-08-17', 'NATIONAL_HOLIDAY', 'Hari Proklamasi Kemerdekaan Republik Indonesia'),
  (DATE '2025-08-18', 'COLLECTIVE_LEAVE', 'Cuti Bersama HUT ke-80 Kemerdekaan Republik Indonesia'),
  (DATE '2025-09-05', 'NATIONAL_HOLIDAY', 'Maulid Nabi Muhammad SAW'),
  (DATE '2025-12-25', 'NATIONAL_HOLIDAY', 'Kelahiran Yesus Kristus'),
  (DATE '2025-12-26', 'COLLECTIVE_LEAVE', 'Cuti Bersama Kelahiran Yesus Kristus');

insert into holiday (date, type, name) values
  (DATE '2026-01-01', 'NATIONAL_HOLIDAY', 'Tahun Baru 2026 Masehi'),
  (DATE '2026-01-16', 'NATIONAL_HOLIDAY', 'Isra Mikraj Nabi Muhammad SAW'),
  (DATE '2026-02-16', 'COLLECTIVE_LEAVE', 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili'),
  (DATE '2026-02-17', 'NATIONAL_HOLIDAY', 'Tahun Baru Imlek 2577 Kongzili'),
  (DATE '2026-03-18', 'COLLECTIVE_LEAVE', 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948'),
  (DATE '2026-03-19', 'NATIONAL_HOLIDAY', 'Hari Suci Nyepi Tahun Baru Saka 1948'),
  (DATE '2026-03-20', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1447 Hijriah'),
  (DATE '2026-03-21', 'NATIONAL_HOLIDAY', 'Idulfitri 1447 Hijriah'),
  (DATE '2026-03-22', 'NATIONAL_HOLIDAY', 'Idulfitri 1447 Hijriah'),
  (DATE '2026-03-23', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1447 Hijriah'),
  (DATE '2026-03-24', 'COLLECTIVE_LEAVE', 'Cuti Bersama Idulfitri 1447 Hijriah'),
  (DATE '2026-04-03', 'NATIONAL_HOLIDAY', 'Wafat Yesus Kristus'),
  (DATE '2026-04-05', 'NATIONAL_HOLIDAY', 'Kebangkitan Yesus Kristus (Paskah)'),
  (DATE '2026-05-01', 'NATIONAL_HOLIDAY', 'Hari Buruh Internasional'),
  (DATE '2026-05-14', 'NATIONAL_HOLIDAY', 'Kenaikan Yesus Kristus'),
  (DATE '2026-05-15', 'COLLECTIVE_LEAVE', 'Cuti Bersama Kenaikan Yesus Kristus'),
  (DATE '2026-05-27', 'NATIONAL_HOLIDAY', 'Iduladha 1447 Hijriah'),
  (DATE '2026-05-28', 'COLLECTIVE_LEAVE', 'Cuti Bersama Iduladha 1447 Hijriah'),
  (DATE '2026-05-31', 'NATIONAL_HOLIDAY', 'Hari Raya Waisak 2570 BE'),
  (DATE '2026-06-01', 'NATIONAL_HOLIDAY', 'Hari Lahir Pancasila'),
  (DATE '2026-06-16', 'NATIONAL_HOLIDAY', '1 Muharam Tahun Baru Islam 1448 Hijriah'),
  (DATE '2026-08-17', 'NATIONAL_HOLIDAY', 'Hari Proklamasi Kemerdekaan Republik Indonesia'),
  (DATE '2026-08-25', 'NATIONAL_HOLIDAY', 'Maulid Nabi Muhammad SAW'),
  (DATE '2026-12-24', 'COLLECTIVE_LEAVE', 'Cuti Bersama Kelahiran Yesus Kristus'),
  (DATE '2026-12-25', 'NATIONAL_HOLIDAY', 'Kelahiran Yesus Kristus');
