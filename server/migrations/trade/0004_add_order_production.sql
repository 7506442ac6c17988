-- Order → production: an order line for a part the supplier makes on the factory module becomes a work order there,
-- through the factory's public interface (never its tables). The line keeps the part number it was linked to and
-- the reference the work order carries (the idempotency key of the request).
alter table trade_order_lines add column part_no text;
alter table trade_order_lines add column production_ref text unique;
alter table trade_order_lines add column production_requested_at timestamptz;
alter table trade_order_lines add column production_requested_by uuid references users(id);
