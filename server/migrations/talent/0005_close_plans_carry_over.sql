-- Closing a year's plan (docs/talent.md, "Annual plan, visits and meetings"): the keeping side's officer closes the
-- year, after which its items are read-only (409 on edits) until it is reopened with a reason (audited). An item left
-- open at the year's end may be carried over (结转) to the next year's plan instead of staying overdue for ever.

alter table talent_plans
  add column closed_at timestamptz,
  add column closed_by uuid references users(id) on delete set null;

alter table talent_plan_items drop constraint talent_plan_items_status_check;
alter table talent_plan_items
  add constraint talent_plan_items_status_check check (status in ('not_started', 'in_progress', 'done', 'cancelled', 'carried_over'));
alter table talent_plan_notes drop constraint talent_plan_notes_status_check;
alter table talent_plan_notes
  add constraint talent_plan_notes_status_check check (status in ('not_started', 'in_progress', 'done', 'cancelled', 'carried_over'));
