-- Factory: andon. Alarms come from devices' alarm_code metric and from threshold rules on any numeric metric;
-- a person acknowledges them; they resolve when the condition clears (or a person resolves them).

create table factory_alarm_codes (
  org_id   uuid not null references organisations(id),
  code     integer not null,
  name_zh  text not null,
  name_en  text not null,
  primary key (org_id, code)
);

create table factory_alarm_rules (
  id          uuid primary key default gen_random_uuid(),
  org_id      uuid not null references organisations(id),
  -- Which devices: one device, or every device of a kind (both null: every device of the organisation).
  device_id   uuid references factory_devices(id),
  device_kind text,
  metric      text not null,
  op          text not null check (op in ('>', '>=', '<', '<=')),
  threshold   double precision not null,
  severity    text not null check (severity in ('info', 'warning', 'critical')),
  name_zh     text not null,
  name_en     text not null,
  enabled     boolean not null default true,
  created_at  timestamptz not null default now()
);
create index factory_alarm_rules_org_idx on factory_alarm_rules (org_id);

create table factory_alarms (
  id               bigserial primary key,
  org_id           uuid not null references organisations(id),
  device_num       integer not null references factory_devices(num),
  source           text not null check (source in ('device', 'rule')),
  -- The device's alarm code, or the rule's id.
  code             text not null,
  severity         text not null check (severity in ('info', 'warning', 'critical')),
  message_zh       text not null,
  message_en       text not null,
  value            double precision,
  raised_at        timestamptz not null,
  acknowledged_at  timestamptz,
  acknowledged_by  uuid references users(id),
  resolved_at      timestamptz,
  resolved_by      uuid references users(id),
  note             text,
  updated_at       timestamptz not null default now()
);
-- One open alarm per device and cause: a condition that persists does not raise again.
create unique index factory_alarms_open_key on factory_alarms (device_num, source, code) where resolved_at is null;
create index factory_alarms_org_idx on factory_alarms (org_id, raised_at desc);
create index factory_alarms_updated_idx on factory_alarms (updated_at);
