-- Order-based dispatch (订单式选派, docs/talent.md): a host institution's demand list, and the dispatch orders the
-- partner side issues against it, each approved (or declined) by the sending unit; an approved order's term is a
-- secondment row, so one person still holds one term at a time.

create table talent_demands (
  id           uuid primary key default gen_random_uuid(),
  -- The host institution posting the demand (hospital, school …), on either side.
  org_id       uuid not null references organisations(id),
  title        text not null,
  sector       text not null check (sector in ('health', 'education', 'agriculture', 'cadre', 'science', 'other')),
  specialties  text[] not null default '{}',
  -- Minimum 职称 level (1 初级 … 4 正高级), or none.
  min_level    smallint check (min_level between 1 and 4),
  headcount    integer not null check (headcount between 1 and 100),
  starts_on    date not null,
  ends_on      date not null,
  goals        text not null,
  programme_id uuid references talent_programmes(id),
  closed_at    timestamptz,
  created_by   uuid references users(id) on delete set null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint talent_demands_term check (ends_on >= starts_on)
);
create index talent_demands_org_idx on talent_demands (org_id, starts_on desc);

create table talent_dispatches (
  id            uuid primary key default gen_random_uuid(),
  demand_id     uuid not null references talent_demands(id) on delete cascade,
  person_id     uuid not null references talent_people(id),
  -- The sending unit: the person's organisation when the order was issued.
  org_id        uuid not null references organisations(id),
  status        text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
  -- The engine's score and explanation when the order was issued (shared/matching/qualification.ts).
  score         smallint not null check (score between 0 and 100),
  explanation   jsonb not null,
  note          text,
  issued_by     uuid references users(id) on delete set null,
  issued_at     timestamptz not null default now(),
  decided_by    uuid references users(id) on delete set null,
  decided_at    timestamptz,
  decision_note text,
  -- The term an approval created.
  secondment_id uuid references talent_secondments(id),
  constraint talent_dispatches_decided check ((status = 'pending') = (decided_at is null)),
  constraint talent_dispatches_term check (status <> 'approved' or secondment_id is not null)
);
-- One live order per person and demand (a declined one may be issued again).
create unique index talent_dispatches_live_key on talent_dispatches (demand_id, person_id) where status <> 'declined';
create index talent_dispatches_demand_idx on talent_dispatches (demand_id, status);
create index talent_dispatches_person_idx on talent_dispatches (person_id);
