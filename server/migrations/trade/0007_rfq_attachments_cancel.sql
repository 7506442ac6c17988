-- Drawing attachments of an RFQ (图纸附件): PDF, DWG, DXF, STEP or a picture, its type checked by content (magic
-- bytes) when uploaded, kept in the database like every other record (a backup holds them). Readable by the buying
-- side and the suppliers that may quote on the RFQ, nobody else (rfq-files.service.ts).
create table trade_rfq_attachments (
  id               uuid primary key default gen_random_uuid(),
  rfq_id           uuid not null references trade_rfqs(id) on delete cascade,
  file_name        text not null check (length(file_name) between 1 and 200),
  kind             text not null check (kind in ('pdf', 'dwg', 'dxf', 'step', 'png', 'jpeg', 'webp')),
  size_bytes       integer not null check (size_bytes > 0 and size_bytes <= 20971520),
  sha256           text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content          bytea not null,
  uploaded_by      uuid references users(id),
  uploaded_at      timestamptz not null default now()
);
create index trade_rfq_attachments_rfq on trade_rfq_attachments (rfq_id, uploaded_at);

-- Cancelling an RFQ (the buying side, before the award, with a reason). A cancel before the deadline seals the quotes
-- forever: the sealing rule opens them to the buyer only when the deadline passed before the cancel.
alter table trade_rfqs add column cancelled_by uuid references users(id);
alter table trade_rfqs add column cancel_reason text check (cancel_reason is null or length(cancel_reason) between 1 and 500);
alter table trade_rfqs add constraint trade_rfqs_cancel_reason check ((cancelled_at is null) = (cancel_reason is null));
