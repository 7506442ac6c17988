-- Factory: machine state timeline (from each device's `state` metric) and the editable shift calendar.

create table factory_state_intervals (
  id          bigserial primary key,
  device_num  integer not null references factory_devices(num),
  state       text not null check (state in ('running', 'idle', 'down', 'setup', 'planned_stop', 'offline')),
  -- For a down state: the alarm code the device gave as the reason.
  reason_code integer,
  started_at  timestamptz not null,
  -- Null while the state lasts.
  ended_at    timestamptz
);
create index factory_state_intervals_device_idx on factory_state_intervals (device_num, started_at desc);
-- At most one open interval per device.
create unique index factory_state_intervals_open_key on factory_state_intervals (device_num) where ended_at is null;

create table factory_shifts (
  id         uuid primary key default gen_random_uuid(),
  org_id     uuid not null references organisations(id),
  code       text not null,
  name       text not null,
  start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time   text not null check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  breaks     jsonb not null default '[]',
  position   integer not null default 0,
  constraint factory_shifts_code_key unique (org_id, code)
);
