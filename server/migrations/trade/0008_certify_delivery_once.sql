-- A delivery is certified once, on the order it was shipped for: the certificate's serials and figures belong to
-- one buyer, and the dashboard counts each delivery once (trade_certificates' unique (order_id, delivery_id) allowed
-- the same delivery on two orders).
create unique index trade_certificates_delivery_key on trade_certificates (delivery_id);
