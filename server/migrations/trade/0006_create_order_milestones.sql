-- An order's payment terms and milestones, written with the order in the award's transaction (docs/trade.md,
-- "Milestones and payment terms"). A term is a share of the order's gross in basis points; its amount in 分 follows
-- the splitting rule (largest remainder), so an order's terms sum to its gross exactly.
create table trade_order_payment_terms (
  order_id    uuid not null references trade_orders(id) on delete cascade,
  seq         integer not null check (seq >= 1),
  kind        text not null check (kind in ('advance', 'delivery', 'acceptance', 'retention')),
  percent_bp  integer not null check (percent_bp > 0 and percent_bp <= 10000),
  days        integer not null check (days >= 0),
  amount_fen  bigint not null check (amount_fen >= 0),
  primary key (order_id, seq),
  unique (order_id, kind)
);

create table trade_order_milestones (
  order_id    uuid not null references trade_orders(id) on delete cascade,
  seq         integer not null check (seq >= 1),
  kind        text not null check (kind in ('confirmed', 'production_start', 'delivery', 'acceptance', 'payment')),
  term_seq    integer,
  due_date    date not null,
  done_on     date,
  done_at     timestamptz,
  done_by     uuid references users(id),
  note        text,
  primary key (order_id, seq),
  foreign key (order_id, term_seq) references trade_order_payment_terms(order_id, seq),
  check ((kind = 'payment') = (term_seq is not null)),
  check ((done_on is null) = (done_at is null))
);
