-- Long-term supply agreements (docs/trade.md, "Supply agreements"): molten aluminium priced as an index (the A00
-- spot average) plus a processing fee, delivered in weighbridge tickets, settled monthly. Money in 分 (bigint),
-- tonnes with three decimals (kilograms); every figure is computed from these rows, never stored as a result
-- except in a settlement, which freezes what was computed when the month was settled.

create table trade_index_prices (
  index_code   text not null check (index_code ~ '^[A-Z0-9_]{1,20}$'),
  day          date not null,
  price_fen    bigint not null check (price_fen > 0),
  entered_by   uuid references users(id),
  entered_at   timestamptz not null default now(),
  primary key (index_code, day)
);

create table trade_supply_contracts (
  id                  uuid primary key default gen_random_uuid(),
  contract_no         text not null unique,
  title               text not null,
  buyer_org_id        uuid not null references organisations(id),
  supplier_org_id     uuid not null references organisations(id),
  product             text not null,
  index_code          text not null,
  processing_fee_fen  bigint not null check (processing_fee_fen >= 0),
  ingot_premium_fen   bigint not null check (ingot_premium_fen >= 0),
  remelt_energy_fen   bigint not null check (remelt_energy_fen >= 0),
  remelt_labour_fen   bigint not null check (remelt_labour_fen >= 0),
  annual_tonnes       numeric(16, 3) not null check (annual_tonnes > 0),
  start_month         date not null check (extract(day from start_month) = 1),
  end_month           date not null check (extract(day from end_month) = 1 and end_month >= start_month),
  delivery_place      text not null,
  created_by          uuid references users(id),
  created_at          timestamptz not null default now(),
  check (buyer_org_id <> supplier_org_id)
);
create index trade_supply_contracts_buyer on trade_supply_contracts (buyer_org_id);
create index trade_supply_contracts_supplier on trade_supply_contracts (supplier_org_id);

create table trade_supply_tickets (
  id           uuid primary key default gen_random_uuid(),
  contract_id  uuid not null references trade_supply_contracts(id),
  ticket_no    text not null,
  weighed_at   timestamptz not null,
  -- The China-time month of weighed_at (first day), the month it is settled in.
  month        date not null check (extract(day from month) = 1),
  vehicle      text,
  gross_t      numeric(12, 3) not null,
  tare_t       numeric(12, 3) not null check (tare_t > 0),
  net_t        numeric(12, 3) not null check (net_t > 0 and net_t = gross_t - tare_t),
  created_by   uuid references users(id),
  created_at   timestamptz not null default now(),
  unique (contract_id, ticket_no)
);
create index trade_supply_tickets_month on trade_supply_tickets (contract_id, month);

create table trade_supply_settlements (
  contract_id      uuid not null references trade_supply_contracts(id),
  month            date not null,
  tickets          integer not null,
  net_t            numeric(16, 3) not null,
  index_avg_fen    bigint not null,
  index_days       integer not null,
  unit_price_fen   bigint not null,
  net_fen          bigint not null,
  vat_fen          bigint not null,
  gross_fen        bigint not null check (gross_fen = net_fen + vat_fen),
  ingot_route_fen  bigint not null,
  saving_fen       bigint not null,
  settled_by       uuid references users(id),
  settled_at       timestamptz not null default now(),
  primary key (contract_id, month)
);
