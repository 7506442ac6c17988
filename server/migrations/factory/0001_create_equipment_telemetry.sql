-- Factory: the ISA-95 equipment model (enterprise = organisation → site → area → line → work cell → device),
-- the Sparkplug registry, telemetry (time-partitioned), 1-minute rollups, dead letters.

create table factory_sites (
  id          uuid primary key default gen_random_uuid(),
  org_id      uuid not null references organisations(id),
  code        text not null,
  name        text not null,
  region_code text references regions(code),
  created_at  timestamptz not null default now(),
  constraint factory_sites_code_key unique (org_id, code)
);

create table factory_areas (
  id       uuid primary key default gen_random_uuid(),
  site_id  uuid not null references factory_sites(id),
  code     text not null,
  name     text not null,
  constraint factory_areas_code_key unique (site_id, code)
);

create table factory_lines (
  id        uuid primary key default gen_random_uuid(),
  area_id   uuid not null references factory_areas(id),
  -- The owning organisation, kept on every equipment row so the core's scoping applies without joins.
  org_id    uuid not null references organisations(id),
  code      text not null,
  name_zh   text not null,
  name_en   text not null,
  product   text,
  constraint factory_lines_code_key unique (org_id, code)
);

create table factory_cells (
  id       uuid primary key default gen_random_uuid(),
  line_id  uuid not null references factory_lines(id),
  code     text not null,
  name     text not null,
  constraint factory_cells_code_key unique (line_id, code)
);

-- Which organisation a Sparkplug group belongs to: devices of an unknown group are dead-lettered, not guessed.
create table factory_sparkplug_groups (
  group_id text primary key,
  org_id   uuid not null references organisations(id),
  site_id  uuid not null references factory_sites(id)
);

create table factory_devices (
  id            uuid primary key default gen_random_uuid(),
  -- A narrow key for the telemetry rows (4 bytes instead of 16).
  num           integer generated always as identity unique,
  org_id        uuid not null references organisations(id),
  site_id       uuid not null references factory_sites(id),
  line_id       uuid references factory_lines(id),
  cell_id       uuid references factory_cells(id),
  code          text not null,
  kind          text not null check (kind in ('cnc', 'washer', 'leak_tester', 'cmm', 'laser_marker', 'robot', 'agv', 'other')),
  name_zh       text not null,
  name_en       text not null,
  ideal_cycle_s double precision,
  sp_group      text not null,
  sp_node       text not null,
  sp_device     text not null,
  online        boolean not null default false,
  last_seen_at  timestamptz,
  last_birth_at timestamptz,
  -- Registered by the ingest from a BIRTH it had not seen before, waiting for someone to place it on a line.
  discovered    boolean not null default false,
  created_at    timestamptz not null default now(),
  constraint factory_devices_code_key unique (org_id, code),
  constraint factory_devices_sparkplug_key unique (sp_group, sp_node, sp_device)
);
create index factory_devices_line_idx on factory_devices (line_id);

create table factory_metrics (
  id          integer generated always as identity primary key,
  device_num  integer not null references factory_devices(num),
  name        text not null,
  datatype    text not null,
  unit        text,
  constraint factory_metrics_name_key unique (device_num, name)
);

-- One row per metric value. Booleans are stored as 0/1; text values in value_text. The primary key makes a
-- redelivered message a no-op (ingest falls back to insert … on conflict do nothing when COPY meets a duplicate).
create table factory_telemetry (
  device_num  integer not null,
  metric_id   integer not null,
  ts          timestamptz not null,
  value       double precision,
  value_text  text,
  primary key (device_num, metric_id, ts)
) partition by range (ts);
-- Rows outside every daily partition (a device with a wrong clock) land here instead of failing the batch.
create table factory_telemetry_default partition of factory_telemetry default;

create table factory_telemetry_1m (
  device_num  integer not null,
  metric_id   integer not null,
  bucket      timestamptz not null,
  n           integer not null,
  sum         double precision not null,
  min         double precision not null,
  max         double precision not null,
  last        double precision not null,
  last_ts     timestamptz not null,
  primary key (device_num, metric_id, bucket)
);

create table factory_dead_letters (
  id          bigserial primary key,
  at          timestamptz not null default now(),
  topic       text not null,
  reason      text not null,
  detail      text not null,
  payload     bytea
);
create index factory_dead_letters_at_idx on factory_dead_letters (at desc);
create index factory_dead_letters_reason_idx on factory_dead_letters (reason, at desc);

create table factory_device_events (
  id          bigserial primary key,
  device_num  integer not null references factory_devices(num),
  at          timestamptz not null,
  kind        text not null check (kind in ('online', 'offline')),
  reason      text
);
create index factory_device_events_device_idx on factory_device_events (device_num, at desc);
