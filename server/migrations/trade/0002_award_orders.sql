-- Award → order: the buyer awards an RFQ's quantity, whole or split, to quotes after the deadline; each awarded
-- supplier gets one order with its line at the quote's tier price, written in the same transaction as the award.
-- Amounts in 分 (bigint), rounded half-up per line (docs/trade.md, "Money").

alter table trade_rfqs add column awarded_at timestamptz;
alter table trade_rfqs add column awarded_by uuid references users(id);

create table trade_orders (
  id               uuid primary key default gen_random_uuid(),
  rfq_id           uuid not null references trade_rfqs(id),
  quote_id         uuid not null references trade_quotes(id),
  buyer_org_id     uuid not null references organisations(id),
  supplier_org_id  uuid not null references organisations(id),
  status           text not null default 'open' check (status in ('open', 'completed', 'cancelled')),
  net_fen          bigint not null,
  vat_fen          bigint not null,
  gross_fen        bigint not null check (gross_fen = net_fen + vat_fen),
  created_by       uuid references users(id),
  created_at       timestamptz not null default now(),
  unique (rfq_id, supplier_org_id)
);
create index trade_orders_buyer on trade_orders (buyer_org_id, created_at desc);
create index trade_orders_supplier on trade_orders (supplier_org_id, created_at desc);

create table trade_order_lines (
  order_id         uuid not null references trade_orders(id) on delete cascade,
  line_no          integer not null,
  description      text not null,
  quantity         numeric(16, 3) not null check (quantity > 0),
  unit             text not null check (unit in ('piece', 't')),
  unit_price_fen   bigint not null check (unit_price_fen > 0),
  net_fen          bigint not null,
  vat_fen          bigint not null,
  gross_fen        bigint not null check (gross_fen = net_fen + vat_fen),
  primary key (order_id, line_no)
);
