-- The customer a work order is made for, when another module's order names one (the production request of the
-- factory's public interface, interface/orders.ts): the plant's logistics ships that order's units to it.
alter table factory_work_orders add column customer text check (customer is null or length(customer) between 1 and 200);
