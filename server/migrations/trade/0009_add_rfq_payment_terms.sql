-- The payment terms the buyer wants, stated on the RFQ (optional; the award's schema: kind, share in basis points,
-- days), shown to the suppliers before they quote; the award starts from them.
alter table trade_rfqs add column payment_terms jsonb check (payment_terms is null or jsonb_typeof(payment_terms) = 'array');
