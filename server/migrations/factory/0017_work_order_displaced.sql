-- A rush order released in place of the order its line ran (the factory's public interface, releaseForOrder with
-- displace) keeps that order: when the rush order completes (its good count reaches its quantity, or a planner
-- completes or cancels it), the line goes back to it (production/work-order-steps.ts).
alter table factory_work_orders add column displaced_id uuid references factory_work_orders(id);
