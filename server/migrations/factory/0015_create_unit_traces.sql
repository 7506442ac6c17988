-- A finished unit's history as one row (issue #13, genealogy at 10,000,000 units). A unit's rows are spread over four
-- tables (operations, measurements, bound lots, tools): at a year's scale their pages are on disk, and a genealogy read
-- them one index leaf and one heap page each. Once a unit leaves the line (done, nok or scrapped) the trace builder
-- (production/traces.ts) copies those rows — exactly as stored, one JSON array per table — and the station
-- parameters read from telemetry at each operation into one row here; the genealogy then reads this row and the
-- unit's own. The four tables stay the record (recall, SPC, the shift report read them); a trace is a copy that is
-- never stale:
-- - any insert, update or delete of a unit's rows in the four tables deletes its trace in the same transaction and
--   queues the unit again (the triggers below);
-- - the builder locks the units it builds FOR UPDATE (skipping locked ones) before it reads their rows, so a writer —
--   whose foreign key check holds the unit FOR KEY SHARE, or, for updates and deletes, the trigger's own lock — either
--   committed before the builder read, or waits for the builder to commit and then deletes the trace it wrote.
-- The station parameters are frozen at build time: telemetry is dropped after its retention, the trace keeps them.
-- A later migration that adds a column to the four tables needs no change here (the rows are read back with
-- json_populate_recordset into the table's current row type; an added column reads as null in older traces) — one
-- that changes a column's meaning truncates factory_unit_traces and queues every finished unit again.
create table factory_unit_traces (
  unit_id   bigint primary key references factory_units(id) on delete cascade,
  ops       json not null,
  meas      json not null,
  comps     json not null,
  tools     json not null,
  params    json not null,
  built_at  timestamptz not null default now()
);

-- Units whose trace is to be built (again).
create table factory_unit_trace_queue (
  unit_id   bigint primary key references factory_units(id) on delete cascade
);

-- A unit's rows changed: its trace is dropped and, once it has left the line, it is queued again.
create function factory_unit_rows_changed() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'INSERT' then
      -- The foreign key check of the insert already holds the units FOR KEY SHARE.
      delete from factory_unit_traces t using (select distinct unit_id from new_rows) n where t.unit_id = n.unit_id;
      insert into factory_unit_trace_queue (unit_id)
        select u.id from factory_units u where u.id in (select unit_id from new_rows) and u.status <> 'wip'
        on conflict do nothing;
    else
      -- Updates and deletes take no lock on the unit of their own: take it, so a builder that read the old rows has
      -- committed its trace before it is deleted here.
      perform 1 from factory_units u where u.id in (select unit_id from old_rows) order by u.id for key share;
      delete from factory_unit_traces t using (select distinct unit_id from old_rows) o where t.unit_id = o.unit_id;
      insert into factory_unit_trace_queue (unit_id)
        select u.id from factory_units u where u.id in (select unit_id from old_rows) and u.status <> 'wip'
        on conflict do nothing;
    end if;
    return null;
  end
  $$;

create trigger factory_unit_ops_ins after insert on factory_unit_ops referencing new table as new_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_ops_upd after update on factory_unit_ops referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_ops_del after delete on factory_unit_ops referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_measurements_ins after insert on factory_measurements referencing new table as new_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_measurements_upd after update on factory_measurements referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_measurements_del after delete on factory_measurements referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_components_ins after insert on factory_unit_components referencing new table as new_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_components_upd after update on factory_unit_components referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_components_del after delete on factory_unit_components referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_op_tools_ins after insert on factory_unit_op_tools referencing new table as new_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_op_tools_upd after update on factory_unit_op_tools referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();
create trigger factory_unit_op_tools_del after delete on factory_unit_op_tools referencing old table as old_rows
  for each statement execute function factory_unit_rows_changed();

-- A unit leaves the line (or comes back to it and leaves again): queued.
create function factory_unit_status_changed() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op = 'INSERT' then
      insert into factory_unit_trace_queue (unit_id) select id from new_units where status <> 'wip' on conflict do nothing;
    else
      insert into factory_unit_trace_queue (unit_id)
        select n.id from new_units n join old_units o on o.id = n.id where n.status <> 'wip' and n.status is distinct from o.status
        on conflict do nothing;
    end if;
    return null;
  end
  $$;

create trigger factory_units_ins after insert on factory_units referencing new table as new_units
  for each statement execute function factory_unit_status_changed();
create trigger factory_units_upd after update on factory_units referencing old table as old_units new table as new_units
  for each statement execute function factory_unit_status_changed();

-- The units already off the line.
insert into factory_unit_trace_queue (unit_id) select id from factory_units where status <> 'wip';
