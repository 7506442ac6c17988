-- Smart retrofits (智能化改造) of the park's enterprises, and certifications (市级智能工厂 / 数字化车间) reviewed
-- against a checklist. Both belong to a registry entry; its organisation's scope decides who reads and files them.

create table park_retrofits (
  id uuid primary key default gen_random_uuid(),
  enterprise_id uuid not null references park_enterprises(id),
  name text not null,
  scope text not null,
  -- Whole yuan: exact sums.
  budget_yuan numeric(20, 0) not null check (budget_yuan >= 0),
  subsidy_yuan numeric(20, 0) not null default 0 check (subsidy_yuan >= 0 and subsidy_yuan <= budget_yuan),
  status text not null check (status in ('planned', 'in_progress', 'completed')),
  started_on date,
  completed_on date check (completed_on is null or started_on is null or completed_on >= started_on),
  -- The line before and after: units per 8-hour shift, first-pass yield in percent, people per line.
  output_before int check (output_before >= 0),
  output_after int check (output_after >= 0),
  yield_before numeric(7, 4) check (yield_before between 0 and 100),
  yield_after numeric(7, 4) check (yield_after between 0 and 100),
  staff_before int check (staff_before >= 0),
  staff_after int check (staff_after >= 0),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index park_retrofits_enterprise on park_retrofits (enterprise_id);

create table park_retrofit_milestones (
  retrofit_id uuid not null references park_retrofits(id) on delete cascade,
  position int not null,
  name text not null,
  due_on date not null,
  done_on date,
  primary key (retrofit_id, position)
);

create table park_certifications (
  id uuid primary key default gen_random_uuid(),
  enterprise_id uuid not null references park_enterprises(id),
  kind text not null check (kind in ('smart_factory', 'digital_workshop')),
  title text not null,
  status text not null check (status in ('applied', 'under_review', 'certified', 'rejected')),
  applied_on date not null,
  retrofit_id uuid references park_retrofits(id),
  documents jsonb not null default '[]',
  score_total int,
  decided_on date,
  decision_note text,
  certificate_no text,
  valid_until date,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'certified' or certificate_no is not null)
);
create index park_certifications_enterprise on park_certifications (enterprise_id);
create unique index park_certifications_number on park_certifications (certificate_no) where certificate_no is not null;

-- The checklist's scores of the review, one row per item.
create table park_certification_items (
  certification_id uuid not null references park_certifications(id) on delete cascade,
  code text not null,
  max_score int not null,
  score int not null check (score >= 0 and score <= max_score),
  document text,
  note text,
  primary key (certification_id, code)
);

-- Application, review and decision: who, when, with what note (the audit log has the before/after).
create table park_certification_steps (
  id bigserial primary key,
  certification_id uuid not null references park_certifications(id) on delete cascade,
  step text not null check (step in ('apply', 'review', 'decide')),
  at timestamptz not null default now(),
  by_user uuid references users(id),
  note text
);
create index park_certification_steps_cert on park_certification_steps (certification_id, id);
