-- The partnership's annual work plan (年度工作计划及责任分工), its items with responsible units and dated progress
-- notes, and the leadership visits and joint meetings (高层互访 / 联席会议) whose follow-ups link to plan items
-- (docs/talent.md, "Annual plan, visits and meetings").

create table talent_plans (
  id             uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references talent_partnerships(id),
  year           int not null check (year between 2000 and 2100),
  title          text not null,
  -- The organisation keeping the plan's header (the collaboration office that drew it up).
  org_id         uuid not null references organisations(id),
  created_by     uuid references users(id) on delete set null,
  created_at     timestamptz not null default now(),
  unique (partnership_id, year)
);

create table talent_plan_items (
  id           uuid primary key default gen_random_uuid(),
  plan_id      uuid not null references talent_plans(id) on delete cascade,
  -- Position in the plan (一、二、…), for the printed order.
  seq          int not null,
  area         text not null check (area in ('organisation', 'labour', 'talent', 'industry', 'villages', 'consumption', 'other')),
  content      text not null,
  -- The lead unit owns the item: its side edits the item and sets its status.
  lead_org_id  uuid not null references organisations(id),
  deadline     date not null,
  status       text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
  programme_id uuid references talent_programmes(id),
  created_by   uuid references users(id) on delete set null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (plan_id, seq)
);
create index talent_plan_items_deadline_idx on talent_plan_items (deadline);

-- Responsible units (责任单位) of either side; the lead unit is one of them.
create table talent_plan_item_units (
  item_id uuid not null references talent_plan_items(id) on delete cascade,
  org_id  uuid not null references organisations(id),
  primary key (item_id, org_id)
);
create index talent_plan_item_units_org_idx on talent_plan_item_units (org_id);

-- Progress notes: dated, by a responsible unit (the one the author writes for) and the author.
create table talent_plan_notes (
  id         uuid primary key default gen_random_uuid(),
  item_id    uuid not null references talent_plan_items(id) on delete cascade,
  org_id     uuid not null references organisations(id),
  noted_on   date not null,
  text       text not null,
  -- The status the note set, when the lead side changed it with the note.
  status     text check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now()
);
create index talent_plan_notes_item_idx on talent_plan_notes (item_id, noted_on);

-- Leadership visits (高层互访) and joint meetings (联席会议): the delegation as text (names and posts, no personal data).
create table talent_visits (
  id             uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references talent_partnerships(id),
  -- The organisation keeping the record.
  org_id         uuid not null references organisations(id),
  kind           text not null check (kind in ('visit', 'joint_meeting')),
  -- A visit goes one way (west_to_east: Chengkou's delegation to Linyi); a joint meeting has none.
  direction      text check (direction in ('west_to_east', 'east_to_west')),
  title          text not null,
  starts_on      date not null,
  ends_on        date not null,
  delegation     text not null,
  places         text not null,
  decisions      text not null,
  created_by     uuid references users(id) on delete set null,
  created_at     timestamptz not null default now(),
  constraint talent_visits_dates check (ends_on >= starts_on),
  constraint talent_visits_direction check ((kind = 'visit') = (direction is not null))
);
create index talent_visits_date_idx on talent_visits (starts_on desc);

-- What a visit or meeting agreed to follow up, each on an item of the plan.
create table talent_visit_followups (
  id           uuid primary key default gen_random_uuid(),
  visit_id     uuid not null references talent_visits(id) on delete cascade,
  plan_item_id uuid not null references talent_plan_items(id),
  content      text not null,
  created_at   timestamptz not null default now()
);
create index talent_visit_followups_visit_idx on talent_visit_followups (visit_id);
create index talent_visit_followups_item_idx on talent_visit_followups (plan_item_id);
