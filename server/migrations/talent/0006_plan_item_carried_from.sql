-- Carrying an item over (结转) writes it into the next year's plan (docs/talent.md, "Annual plan, visits and
-- meetings"): the next year's item names the item it came from. At most one item carries a given item on, so closing,
-- reopening and closing a year again never writes it twice.

alter table talent_plan_items
  add column carried_from_id uuid references talent_plan_items(id) on delete set null;
alter table talent_plan_items
  add constraint talent_plan_items_carried_from_key unique (carried_from_id);
