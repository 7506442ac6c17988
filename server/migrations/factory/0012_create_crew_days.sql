-- A shift's crew carries forward (issue #13): a line and shift with no crew set for a day has the crew of the most
-- recent earlier day one was set. A row here says the crew of that line, shift and day was set — to the people in
-- factory_shift_crews for it, or to nobody (the line not staffed that shift), which stops the carrying forward until
-- a crew is set again. The key is the look-up "the latest set day on or before D for this line and shift".
create table factory_shift_crew_days (
  org_id      uuid not null references organisations(id),
  line_id     uuid not null references factory_lines(id),
  shift_code  text not null,
  day         date not null,
  primary key (line_id, shift_code, day)
);

insert into factory_shift_crew_days (org_id, line_id, shift_code, day)
select distinct org_id, line_id, shift_code, day from factory_shift_crews;
