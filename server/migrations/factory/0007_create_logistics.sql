-- Logistics handoff (issue #13 item 5): finished units packed into boxes and onto pallets (GS1 SSCC), pallets moved
-- by AGV transfer orders (Sparkplug DCMD, answered by the AGV's DDATA), received into the finished-goods
-- warehouse, and shipped in deliveries. A unit's place is its row in factory_packed_units: none means it is still at
-- the line end.

-- Serial references of the SSCCs the plant assigns (extension digit + company prefix + this + check digit).
create sequence factory_sscc_serial_seq;
-- Numbers of boxes, transfer orders and deliveries (BOX-…, TO-…, DN-…).
create sequence factory_box_seq;
create sequence factory_transfer_order_seq;
create sequence factory_delivery_seq;

create table factory_deliveries (
  id          uuid primary key default gen_random_uuid(),
  org_id      uuid not null references organisations(id),
  number      text not null,
  customer    text not null,
  shipped_at  timestamptz not null,
  created_by  uuid references users(id),
  created_at  timestamptz not null default now(),
  constraint factory_deliveries_number_key unique (org_id, number)
);

-- A pallet (a logistic unit with an SSCC): open while units and boxes go on it, closed for transport. Where it is:
-- `location` (LINE-END until an AGV delivers it to FG-WH: received_at is the warehouse receipt), and shipped once
-- it has a delivery.
create table factory_pallets (
  id           uuid primary key default gen_random_uuid(),
  org_id       uuid not null references organisations(id),
  line_id      uuid not null references factory_lines(id),
  sscc         text not null check (sscc ~ '^[0-9]{18}$'),
  status       text not null default 'open' check (status in ('open', 'closed')),
  location     text not null default 'LINE-END',
  received_at  timestamptz,
  delivery_id  uuid references factory_deliveries(id),
  created_by   uuid references users(id),
  created_at   timestamptz not null default now(),
  closed_at    timestamptz,
  constraint factory_pallets_sscc_key unique (sscc),
  constraint factory_pallets_shipped_check check (delivery_id is null or status = 'closed')
);
create index factory_pallets_org_idx on factory_pallets (org_id, status, location);
create index factory_pallets_delivery_idx on factory_pallets (delivery_id) where delivery_id is not null;

-- A box (container) of units; it goes onto a pallet once closed.
create table factory_boxes (
  id          uuid primary key default gen_random_uuid(),
  org_id      uuid not null references organisations(id),
  line_id     uuid not null references factory_lines(id),
  number      text not null,
  status      text not null default 'open' check (status in ('open', 'closed')),
  pallet_id   uuid references factory_pallets(id),
  created_by  uuid references users(id),
  created_at  timestamptz not null default now(),
  closed_at   timestamptz,
  constraint factory_boxes_number_key unique (org_id, number)
);
create index factory_boxes_pallet_idx on factory_boxes (pallet_id) where pallet_id is not null;

-- Where a packed unit is: in a box (and the box's pallet), or straight on a pallet. One row a unit: a unit is in at
-- most one container.
create table factory_packed_units (
  unit_id    bigint primary key references factory_units(id),
  box_id     uuid references factory_boxes(id),
  pallet_id  uuid references factory_pallets(id),
  packed_at  timestamptz not null default now(),
  packed_by  uuid references users(id),
  constraint factory_packed_units_container_check check (box_id is not null or pallet_id is not null)
);
create index factory_packed_units_box_idx on factory_packed_units (box_id) where box_id is not null;
create index factory_packed_units_pallet_idx on factory_packed_units (pallet_id) where pallet_id is not null;

-- An AGV transfer order: pending (written by the API) → sent (the ingest published the DCMD) → accepted → picked →
-- delivered, or failed (the AGV's reason), or timed_out (no answer in time; a late answer still counts).
create table factory_transfer_orders (
  id           uuid primary key default gen_random_uuid(),
  org_id       uuid not null references organisations(id),
  number       text not null,
  pallet_id    uuid not null references factory_pallets(id),
  device_num   integer not null references factory_devices(num),
  from_loc     text not null,
  to_loc       text not null,
  status       text not null default 'pending' check (status in ('pending', 'sent', 'accepted', 'picked', 'delivered', 'failed', 'timed_out')),
  reason       text,
  created_by   uuid references users(id),
  created_at   timestamptz not null default now(),
  sent_at      timestamptz,
  -- The AGV's last answer (its DDATA timestamp) and when the order last changed.
  answered_at  timestamptz,
  updated_at   timestamptz not null default now(),
  constraint factory_transfer_orders_number_key unique (org_id, number)
);
-- The dispatcher's and the timeout sweep's work: orders not yet finished.
create index factory_transfer_orders_open_idx on factory_transfer_orders (status, updated_at) where status in ('pending', 'sent', 'accepted', 'picked');
create index factory_transfer_orders_pallet_idx on factory_transfer_orders (pallet_id);
