-- A delivery is certified once, on the order it was shipped for: the certificate's serials and figures belong to
-- one buyer, and the dashboard counts each delivery once (trade_certificates' unique (order_id, delivery_id) allowed
-- the same delivery on two orders).
-- A database where a delivery was already certified twice (before this rule) gets the index from 0010, which first
-- withdraws the later certificates of such a delivery (kept, audited, never deleted): here the index is made only
-- when no delivery has two, so this step does not stop the upgrade. A database that ran this file before holds the
-- same either way.
do $$
begin
  if not exists (select 1 from trade_certificates group by delivery_id having count(*) > 1) then
    create unique index trade_certificates_delivery_key on trade_certificates (delivery_id);
  end if;
end
$$;
