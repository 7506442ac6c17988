-- The rule of the crew in force, written once (issue #13): the crew working a line's shift on a plant day is the one
-- set on the latest day on or before it (factory_shift_crew_days, one probe of its key). Every reader calls this —
-- the crew page and the shift report (crews.service.ts crewsInForce) and the genealogy's crews — so that they cannot
-- disagree. Null: no crew was ever set for that line and shift up to that day.
create function factory_crew_day(p_line uuid, p_shift text, p_day date) returns date
  language sql stable parallel safe
  as $$
    select cd.day from factory_shift_crew_days cd
     where cd.line_id = p_line and cd.shift_code = p_shift and cd.day <= p_day
     order by cd.day desc limit 1
  $$;
