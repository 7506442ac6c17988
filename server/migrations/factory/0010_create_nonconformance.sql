-- Nonconformance records (issue #13 item 3): a quality engineer's record of what was found wrong (NOK units, an SPC
-- signal, a recall, a supplier lot), what was contained (units held), the disposition — rework, scrap, use as is
-- (a concession, approved by a second person) or return to supplier — and the closure with root cause and corrective
-- action (8D D4/D5). open → dispositioned → closed; open → cancelled.

-- NCR numbers per organisation and year: NCR-2026-0001.
create table factory_ncr_counters (
  org_id  uuid not null references organisations(id),
  year    integer not null,
  last    integer not null,
  primary key (org_id, year)
);

create table factory_ncrs (
  id                 uuid primary key default gen_random_uuid(),
  org_id             uuid not null references organisations(id),
  number             text not null,
  status             text not null default 'open' check (status in ('open', 'dispositioned', 'closed', 'cancelled')),
  source             text not null check (source in ('unit_nok', 'spc_signal', 'recall', 'supplier_lot', 'manual')),
  spc_signal_id      bigint references factory_spc_signals(id),
  line_id            uuid references factory_lines(id),
  op                 text,
  defect_code        text,
  description        text not null,
  quantity           integer not null check (quantity between 1 and 1000000),
  -- A suspect component lot (a supplier lot, a recall's lot).
  lot_id             bigint references factory_component_lots(id),
  disposition        text check (disposition in ('rework', 'scrap', 'use_as_is', 'return_to_supplier')),
  disposition_reason text,
  -- Rework: the operation the units go back to.
  rework_op          text,
  dispositioned_by   uuid references users(id),
  dispositioned_at   timestamptz,
  -- Use as is (a concession) takes effect once a second person with the quality permission approves it.
  approved_by        uuid references users(id),
  approved_at        timestamptz,
  root_cause         text,
  corrective_action  text,
  closed_by          uuid references users(id),
  closed_at          timestamptz,
  cancel_reason      text,
  cancelled_by       uuid references users(id),
  cancelled_at       timestamptz,
  created_by         uuid references users(id),
  created_at         timestamptz not null default now(),
  constraint factory_ncrs_number_key unique (org_id, number),
  constraint factory_ncrs_dispositioned_check check (status not in ('dispositioned', 'closed') or disposition is not null),
  constraint factory_ncrs_rework_op_check check (disposition is distinct from 'rework' or rework_op is not null),
  constraint factory_ncrs_approval_check check (approved_by is null or approved_by <> dispositioned_by),
  constraint factory_ncrs_closed_check check (status <> 'closed' or (root_cause is not null and corrective_action is not null))
);
create index factory_ncrs_org_idx on factory_ncrs (org_id, status, created_at desc);
create index factory_ncrs_lot_idx on factory_ncrs (lot_id) where lot_id is not null;

-- The units an NCR concerns; `held_here`: the NCR put the hold on (it was not held before), so cancelling it
-- releases only those.
create table factory_ncr_units (
  ncr_id     uuid not null references factory_ncrs(id),
  unit_id    bigint not null references factory_units(id),
  held_here  boolean not null default false,
  primary key (ncr_id, unit_id)
);
create index factory_ncr_units_unit_idx on factory_ncr_units (unit_id);

-- A rework sends a unit back to an operation: its records there and after (the operation rows and their
-- measurements) move here, so the unit runs them again and its genealogy keeps the first pass.
create table factory_unit_op_history (
  id            bigint generated always as identity primary key,
  unit_id       bigint not null references factory_units(id),
  ncr_id        uuid not null references factory_ncrs(id),
  op            text not null,
  device_num    integer references factory_devices(num),
  started_at    timestamptz,
  completed_at  timestamptz,
  result        text check (result in ('OK', 'NOK')),
  defect_code   text,
  source        text not null,
  operator_id   uuid references users(id),
  -- [{ characteristicId, value, measuredAt }]
  measurements  jsonb not null default '[]',
  reworked_at   timestamptz not null default now()
);
create index factory_unit_op_history_unit_idx on factory_unit_op_history (unit_id, reworked_at);

-- A lot sent back to its supplier is blocked: an NCR's return-to-supplier disposition marks it.
alter table factory_component_lots add column blocked_at timestamptz;
alter table factory_component_lots add column blocked_ncr_id uuid references factory_ncrs(id);
