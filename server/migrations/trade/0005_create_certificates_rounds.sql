-- Quality certificates (质量证明书) per delivery of an order: built from the delivered units' own genealogy and
-- inspection results, read through the factory's public interface, and frozen as issued (content + its SHA-256);
-- verifiable by the random token its QR code carries.
create table trade_certificates (
  id               uuid primary key default gen_random_uuid(),
  number           text not null unique,
  order_id         uuid not null references trade_orders(id),
  buyer_org_id     uuid not null references organisations(id),
  supplier_org_id  uuid not null references organisations(id),
  -- The factory's delivery (its id and number as the factory gave them; no reference to its table).
  delivery_id      uuid not null,
  delivery_number  text not null,
  units            integer not null check (units > 0),
  content          jsonb not null,
  sha256           text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  verify_token     text not null unique,
  issued_by        uuid references users(id),
  issued_at        timestamptz not null default now(),
  unique (order_id, delivery_id)
);
create index trade_certificates_order on trade_certificates (order_id);

-- Quote revision rounds: after the deadline the buyer asks chosen suppliers (who quoted) to revise by a new deadline.
-- The RFQ's deadline moves to it, so every quote is sealed again until then (the sealing rule reads the deadline);
-- only the round's suppliers may revise.
alter table trade_rfqs add column round integer not null default 1 check (round >= 1);
create table trade_rfq_rounds (
  rfq_id             uuid not null references trade_rfqs(id),
  round              integer not null check (round >= 2),
  previous_deadline  timestamptz not null,
  deadline           timestamptz not null check (deadline > previous_deadline),
  note               text,
  created_by         uuid references users(id),
  created_at         timestamptz not null default now(),
  primary key (rfq_id, round)
);
create table trade_rfq_round_suppliers (
  rfq_id  uuid not null,
  round   integer not null,
  org_id  uuid not null references organisations(id),
  primary key (rfq_id, round, org_id),
  foreign key (rfq_id, round) references trade_rfq_rounds(rfq_id, round)
);
