-- A work order made for another module's order line (through the factory's public interface, interface/orders.ts)
-- keeps that line's reference: one work order per reference and plant, so a retried request finds the first.
alter table factory_work_orders add column external_ref text check (external_ref is null or length(external_ref) between 1 and 120);
create unique index factory_work_orders_external_ref_key on factory_work_orders (org_id, external_ref) where external_ref is not null;
