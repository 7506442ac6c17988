-- Industrial trade (产业交易): the catalogue of the three verticals (gears, NEV parts, transport aluminium) with
-- typed attributes, and RFQs with sealed quotes. Money is integer 分 (bigint), quantities numeric with three
-- decimals; the service validates attributes against the vertical's schema (contracts/src/trade/catalogue.ts).
-- Not cached (no data-version triggers): whether a quote is readable depends on the clock, not only on the data.

create table trade_products (
  id               uuid primary key default gen_random_uuid(),
  -- The supplier that lists it; scopes apply to it.
  org_id           uuid not null references organisations(id),
  vertical         text not null check (vertical in ('gear', 'nev_part', 'aluminium')),
  name             text not null,
  part_number      text,
  description      text,
  -- The vertical's typed attributes, validated by the service; facets count over jsonb_each_text.
  attributes       jsonb not null,
  unit             text not null check (unit in ('piece', 't')),
  -- List price per unit excluding VAT, in 分; null: on request.
  unit_price_fen   bigint check (unit_price_fen > 0),
  status           text not null default 'active' check (status in ('active', 'inactive')),
  created_by       uuid references users(id),
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index trade_products_vertical on trade_products (vertical, status);
create index trade_products_org on trade_products (org_id);
create index trade_products_attributes on trade_products using gin (attributes jsonb_path_ops);

create table trade_rfqs (
  id               uuid primary key default gen_random_uuid(),
  -- The buyer.
  org_id           uuid not null references organisations(id),
  title            text not null,
  vertical         text not null check (vertical in ('gear', 'nev_part', 'aluminium')),
  attributes       jsonb not null,
  quantity         numeric(16, 3) not null check (quantity > 0),
  unit             text not null check (unit in ('piece', 't')),
  delivery_date    date not null,
  delivery_place   text not null,
  visibility       text not null check (visibility in ('invited', 'open')),
  -- Quotes are sealed until this moment: no route returns one to anybody but its supplier before it.
  deadline         timestamptz not null,
  cancelled_at     timestamptz,
  note             text,
  created_by       uuid references users(id),
  created_at       timestamptz not null default now()
);
create index trade_rfqs_org on trade_rfqs (org_id, created_at desc);
create index trade_rfqs_deadline on trade_rfqs (deadline);

create table trade_rfq_invites (
  rfq_id           uuid not null references trade_rfqs(id) on delete cascade,
  org_id           uuid not null references organisations(id),
  primary key (rfq_id, org_id)
);
create index trade_rfq_invites_org on trade_rfq_invites (org_id);

create table trade_quotes (
  id               uuid primary key default gen_random_uuid(),
  rfq_id           uuid not null references trade_rfqs(id),
  -- The supplier; one quote per supplier and RFQ, revised in place until the deadline.
  org_id           uuid not null references organisations(id),
  lead_time_days   integer not null check (lead_time_days >= 0),
  valid_until      date not null,
  note             text,
  revision         integer not null default 1,
  created_by       uuid references users(id),
  submitted_at     timestamptz not null default now(),
  unique (rfq_id, org_id)
);

create table trade_quote_tiers (
  quote_id         uuid not null references trade_quotes(id) on delete cascade,
  min_quantity     numeric(16, 3) not null check (min_quantity >= 0),
  unit_price_fen   bigint not null check (unit_price_fen > 0),
  primary key (quote_id, min_quantity)
);
