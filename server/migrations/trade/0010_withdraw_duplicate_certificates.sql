-- A certificate may be withdrawn: it stays (its number, content and hash as issued; its QR code still opens its page,
-- which says it is withdrawn and why) but no longer counts — not on the order, the dashboard or the once-per-delivery
-- rule. The one reason today: the delivery was certified twice (on two orders, before 0008's rule); the first
-- certificate issued stands, the later ones are withdrawn, each with an audit row (no actor: the upgrade).
alter table trade_certificates
  add column withdrawn_at timestamptz,
  add column withdrawn_reason text check (withdrawn_reason in ('duplicate_delivery')),
  add constraint trade_certificates_withdrawn_check check ((withdrawn_at is null) = (withdrawn_reason is null));

with later as (
  select id from (
    select id, row_number() over (partition by delivery_id order by issued_at, number) as n from trade_certificates
  ) ranked where n > 1
)
update trade_certificates c set withdrawn_at = now(), withdrawn_reason = 'duplicate_delivery'
  from later where later.id = c.id;

insert into audit_log (org_id, action, entity, entity_id, before, after)
select c.supplier_org_id, 'trade.certificate.withdraw', 'trade_certificate', c.id::text,
       jsonb_build_object('number', c.number, 'orderId', c.order_id),
       jsonb_build_object('reason', 'duplicate_delivery', 'delivery', c.delivery_number, 'standing',
         (select s.number from trade_certificates s where s.delivery_id = c.delivery_id and s.withdrawn_at is null))
  from trade_certificates c where c.withdrawn_at is not null;

-- Once per delivery among the certificates that stand (0008's index, where it was made, gives way to this one).
drop index if exists trade_certificates_delivery_key;
create unique index trade_certificates_delivery_key on trade_certificates (delivery_id) where withdrawn_at is null;
