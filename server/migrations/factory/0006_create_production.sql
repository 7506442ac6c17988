-- Factory II (issue #13): products, routings, characteristics, bills of material, component lots, work orders,
-- serialised units and their genealogy (every operation, measurement and bound component lot).

create table factory_products (
  id          uuid primary key default gen_random_uuid(),
  org_id      uuid not null references organisations(id),
  part_no     text not null,
  revision    text not null,
  name_zh     text not null,
  name_en     text not null,
  -- GTIN-14 of the trade item (GS1 (01)); null for a product not sold as a trade item.
  gtin        text check (gtin ~ '^[0-9]{14}$'),
  -- The line that makes it unless a work order says otherwise (a unit born without a released work order).
  line_id     uuid references factory_lines(id),
  created_at  timestamptz not null default now(),
  constraint factory_products_part_key unique (org_id, part_no, revision)
);

-- The operations of a product in order; `op` is also the code of the work cell whose stations perform it.
create table factory_routing_ops (
  id            uuid primary key default gen_random_uuid(),
  product_id    uuid not null references factory_products(id),
  op            text not null,
  seq           integer not null,
  name_zh       text not null,
  name_en       text not null,
  station_kind  text not null,
  ideal_cycle_s double precision not null check (ideal_cycle_s > 0),
  -- The operation where the unit is laser-marked with its product identifier.
  marks         boolean not null default false,
  constraint factory_routing_ops_op_key unique (product_id, op),
  constraint factory_routing_ops_seq_key unique (product_id, seq)
);

-- What is measured at an operation. One-sided characteristics (flatness, leak rate) have one limit.
create table factory_characteristics (
  id          uuid primary key default gen_random_uuid(),
  op_id       uuid not null references factory_routing_ops(id),
  product_id  uuid not null references factory_products(id),
  code        text not null,
  name_zh     text not null,
  name_en     text not null,
  unit        text not null,
  nominal     double precision not null,
  lsl         double precision,
  usl         double precision,
  decimals    integer not null default 3,
  -- SPC set-up: the chart, its subgroup size and the run rules checked (rule ids, see quality/spc).
  chart       text not null default 'xbar_r' check (chart in ('xbar_r', 'xbar_s', 'i_mr')),
  subgroup_size integer not null default 5 check (subgroup_size between 1 and 25),
  rules       text[] not null default '{}',
  constraint factory_characteristics_code_key unique (product_id, code),
  constraint factory_characteristics_limits_check check (lsl is null or usl is null or lsl < usl),
  constraint factory_characteristics_one_limit_check check (lsl is not null or usl is not null)
);

create table factory_components (
  id          uuid primary key default gen_random_uuid(),
  org_id      uuid not null references organisations(id),
  code        text not null,
  part_no     text not null,
  name_zh     text not null,
  name_en     text not null,
  supplier    text,
  constraint factory_components_code_key unique (org_id, code)
);

-- Bill of material: the components bound to a unit of the product, at which operation, how many.
create table factory_bom_items (
  product_id    uuid not null references factory_products(id),
  op_id         uuid not null references factory_routing_ops(id),
  component_id  uuid not null references factory_components(id),
  qty           integer not null check (qty > 0),
  primary key (product_id, component_id)
);

-- A lot of a component as its label says. Lots are received at goods-in; a lot first seen on a unit (scanned at a
-- station, or reported by a device) is registered then, marked so.
create table factory_component_lots (
  id            bigint generated always as identity primary key,
  component_id  uuid not null references factory_components(id),
  lot_no        text not null,
  received_at   timestamptz,
  first_seen_at timestamptz not null default now(),
  constraint factory_component_lots_key unique (component_id, lot_no)
);

create table factory_work_orders (
  id            uuid primary key default gen_random_uuid(),
  org_id        uuid not null references organisations(id),
  number        text not null,
  product_id    uuid not null references factory_products(id),
  line_id       uuid not null references factory_lines(id),
  qty           integer not null check (qty > 0 and qty <= 1000000),
  due_date      date not null,
  status        text not null default 'planned' check (status in ('planned', 'released', 'completed', 'closed', 'cancelled')),
  note          text,
  released_at   timestamptz,
  closed_at     timestamptz,
  -- Figures frozen at closing (units good, NOK at any operation, scrapped), so a closed order keeps its yield.
  closed_good   integer,
  closed_nok    integer,
  created_by    uuid references users(id),
  created_at    timestamptz not null default now(),
  constraint factory_work_orders_number_key unique (org_id, number)
);
-- At most one released order per line: the one units born on the line belong to.
create unique index factory_work_orders_released_key on factory_work_orders (line_id) where status = 'released';
create index factory_work_orders_org_idx on factory_work_orders (org_id, status, due_date);

-- A serialised unit. Born with its process serial at the routing's first operation; gets the laser-marked product
-- identifier (GS1 (01)(21)(11)) at the marking operation.
create table factory_units (
  id             bigint generated always as identity primary key,
  org_id         uuid not null references organisations(id),
  serial         text not null,
  product_id     uuid not null references factory_products(id),
  work_order_id  uuid references factory_work_orders(id),
  line_id        uuid not null references factory_lines(id),
  -- wip: on the line; done: past the last operation, good; nok: failed an operation (waiting for a decision);
  -- scrapped. Where a done unit is (container, stock, shipped) is logistics' business.
  status         text not null default 'wip' check (status in ('wip', 'done', 'nok', 'scrapped')),
  -- The last operation it completed (or started).
  last_op        text,
  product_serial text,
  gs1            text,
  held           boolean not null default false,
  hold_reason    text,
  born_at        timestamptz not null,
  done_at        timestamptz,
  constraint factory_units_serial_key unique (org_id, serial)
);
create unique index factory_units_product_serial_key on factory_units (org_id, product_serial) where product_serial is not null;
create index factory_units_wo_idx on factory_units (work_order_id, status);
create index factory_units_line_idx on factory_units (line_id, born_at);

-- One row per unit and operation: when it started and completed there, on which station, with which result.
-- A unit completes an operation once: a second completion is refused (409), a device's redelivery is a no-op.
create table factory_unit_ops (
  unit_id       bigint not null references factory_units(id),
  op            text not null,
  device_num    integer references factory_devices(num),
  started_at    timestamptz,
  completed_at  timestamptz,
  result        text check (result in ('OK', 'NOK')),
  defect_code   text,
  source        text not null check (source in ('device', 'manual')),
  operator_id   uuid references users(id),
  primary key (unit_id, op)
);
-- Output and yield by line and time: units completing the last operation, NOKs anywhere.
create index factory_unit_ops_completed_idx on factory_unit_ops (device_num, completed_at);

create table factory_measurements (
  characteristic_id uuid not null references factory_characteristics(id),
  unit_id           bigint not null references factory_units(id),
  value             double precision not null,
  measured_at       timestamptz not null,
  device_num        integer references factory_devices(num),
  source            text not null check (source in ('device', 'manual', 'import')),
  primary key (characteristic_id, unit_id)
);
-- SPC reads a characteristic's values in time order.
create index factory_measurements_time_idx on factory_measurements (characteristic_id, measured_at);
create index factory_measurements_unit_idx on factory_measurements (unit_id);

-- Which component lots went into a unit (genealogy one way; recall the other).
create table factory_unit_components (
  unit_id   bigint not null references factory_units(id),
  lot_id    bigint not null references factory_component_lots(id),
  op        text not null,
  qty       integer not null,
  bound_at  timestamptz not null,
  primary key (unit_id, lot_id)
);
create index factory_unit_components_lot_idx on factory_unit_components (lot_id);

create table factory_defect_codes (
  org_id   uuid not null references organisations(id),
  code     text not null,
  name_zh  text not null,
  name_en  text not null,
  primary key (org_id, code)
);

-- What a line is expected to make in one shift (the shift report and the plant card show output against it).
alter table factory_lines add column shift_target integer check (shift_target > 0);

-- SPC: control limits from a phase-I study, frozen and revised (never recomputed silently), with who and why.
create table factory_spc_limits (
  id                uuid primary key default gen_random_uuid(),
  characteristic_id uuid not null references factory_characteristics(id),
  revision          integer not null,
  limits            jsonb not null,
  study_from        timestamptz not null,
  study_to          timestamptz not null,
  study_values      integer not null,
  reason            text not null,
  created_by        uuid references users(id),
  created_at        timestamptz not null default now(),
  constraint factory_spc_limits_revision_key unique (characteristic_id, revision)
);

-- A run rule that fired on a characteristic's chart, once per rule and triggering measurement; it raises an andon
-- alarm on the station that measured it.
create table factory_spc_signals (
  id                bigint generated always as identity primary key,
  characteristic_id uuid not null references factory_characteristics(id),
  limits_id         uuid not null references factory_spc_limits(id),
  rule              text not null,
  chart             text not null check (chart in ('location', 'spread')),
  at                timestamptz not null,
  unit_id           bigint references factory_units(id),
  device_num        integer references factory_devices(num),
  alarm_id          bigint references factory_alarms(id),
  created_at        timestamptz not null default now(),
  constraint factory_spc_signals_key unique (characteristic_id, rule, chart, at)
);
create index factory_spc_signals_at_idx on factory_spc_signals (created_at desc);

-- SPC rule violations are andon alarms too.
alter table factory_alarms drop constraint factory_alarms_source_check;
alter table factory_alarms add constraint factory_alarms_source_check check (source in ('device', 'rule', 'spc'));

-- Who works which line in which shift (the operators on shifts): a unit a device reported is attributed to them.
create table factory_shift_crews (
  org_id      uuid not null references organisations(id),
  line_id     uuid not null references factory_lines(id),
  day         date not null,
  shift_code  text not null,
  user_id     uuid not null references users(id),
  primary key (line_id, day, shift_code, user_id)
);
