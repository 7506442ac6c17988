-- OEE over long ranges (a year in one request): the OEE's own inputs per device, plant day and shift, written by
-- server/src/modules/factory/oee-rollup.ts from computeOeeDay once a plant day has closed, so that a range is the
-- same sum of the same parts as its days. A late row or state change (marked through factory_rollup_queue, see
-- ingest/rollups.ts) and a calendar or device change bump a stored day's generation: the job computes it again.
create table factory_oee_days (
  org_id       uuid not null references organisations(id),
  day          date not null,
  -- The day's shifts from the first start to the last end (a late row in it marks the day).
  span_start   timestamptz not null,
  span_end     timestamptz not null,
  -- Bumped by every mark; the rows are current when stored_gen = gen.
  gen          bigint not null default 0,
  -- Null: never stored (its rows are being computed for the first time).
  stored_gen   bigint,
  computed_at  timestamptz,
  primary key (org_id, day)
);
create index factory_oee_days_span_idx on factory_oee_days (span_end, span_start);

-- One device's part of one shift of one plant day, as computeOeeDay computed it (a device with nothing in the
-- shift — no scheduled time, counts, failures or stops — has no row).
create table factory_oee_rollup (
  org_id         uuid not null,
  day            date not null,
  -- The shift's and the device's places in the computed day (the order its parts are summed in).
  shift_pos      smallint not null,
  device_pos     integer not null,
  shift_code     text not null,
  shift_start    timestamptz not null,
  shift_end      timestamptz not null,
  device_id      uuid not null,
  device_code    text not null,
  -- The device's line and organisation when the day was computed; `plant`: it counts in its organisation's plant.
  line_id        uuid,
  device_org_id  uuid not null,
  plant          boolean not null,
  scheduled_s    float8 not null,
  planned_stop_s float8 not null,
  down_s         float8 not null,
  setup_s        float8 not null,
  idle_s         float8 not null,
  offline_s      float8 not null,
  ideal_cycle_s  float8,
  total          float8 not null,
  bad            float8 not null,
  failures       integer not null,
  -- Seconds in each machine state: running, idle, down, setup, planned_stop, offline.
  states         float8[] not null,
  -- Unplanned stop time by cause: [{ state, code, seconds, count }].
  stops          jsonb not null default '[]',
  primary key (org_id, day, shift_pos, device_pos),
  foreign key (org_id, day) references factory_oee_days (org_id, day) on delete cascade
);
create index factory_oee_rollup_line_idx on factory_oee_rollup (line_id, day);

-- The same day summed per line and for the plant, as the day's answer sums its devices' parts (OeeSums in
-- oee/oee.ts: the times and counts of all parts and of those with an ideal cycle time, the ideal run time, the
-- counts of parts), so that a line's year reads 365 rows: a range's figures are its days' sums added.
create table factory_oee_view_days (
  -- The line's id, or the organisation's for its plant (every device on one of its lines).
  view_id     uuid not null,
  day         date not null,
  org_id      uuid not null,
  -- all: scheduled, planned-stop, down, setup, idle, offline s, total, bad; then the same of the timed parts.
  sums        float8[] not null,
  ideal_run_s float8 not null,
  parts       integer not null,
  with_ideal  integer not null,
  devices     integer not null,
  failures    integer not null,
  states      float8[] not null,
  stops       jsonb not null default '[]',
  primary key (view_id, day),
  foreign key (org_id, day) references factory_oee_days (org_id, day) on delete cascade
);
