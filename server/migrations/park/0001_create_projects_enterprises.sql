-- The industrial park module (SPEC §4): investment projects with their stage pipeline and ceremony batches, and the
-- park's enterprise registry with yearly figures and contacts. Amounts are whole yuan in numeric: exact sums.

create table park_batches (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  kind text not null check (kind in ('signing', 'groundbreaking', 'production')),
  name text not null,
  held_on date not null,
  place text,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index park_batches_org on park_batches (org_id, held_on);

create table park_projects (
  id uuid primary key default gen_random_uuid(),
  -- The park administration that keeps the record: its scope decides who sees and edits it.
  org_id uuid not null references organisations(id),
  name text not null,
  investor text not null,
  investor_org_id uuid references organisations(id),
  amount_yuan numeric(20, 0) not null check (amount_yuan > 0),
  category text not null,
  reserve boolean not null default false,
  stage text not null check (stage in ('lead', 'negotiating', 'signed', 'construction', 'production')),
  lead_on date,
  negotiating_on date,
  signed_on date,
  construction_on date,
  production_on date,
  signing_batch_id uuid references park_batches(id),
  groundbreaking_batch_id uuid references park_batches(id),
  production_batch_id uuid references park_batches(id),
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index park_projects_org_stage on park_projects (org_id, stage);
create index park_projects_signed on park_projects (signed_on) where signed_on is not null;

create table park_project_stages (
  id bigserial primary key,
  project_id uuid not null references park_projects(id) on delete cascade,
  stage text not null,
  previous_stage text,
  effective_on date not null,
  reason text,
  changed_by uuid references users(id),
  changed_at timestamptz not null default now()
);
create index park_project_stages_project on park_project_stages (project_id, id);

create table park_enterprises (
  id uuid primary key default gen_random_uuid(),
  -- The enterprise's core organisation record: one registry entry each.
  org_id uuid not null unique references organisations(id),
  industry_code text not null,
  scale text not null check (scale in ('large', 'medium', 'small', 'micro')),
  products text,
  zone text,
  building text,
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table park_enterprise_years (
  enterprise_id uuid not null references park_enterprises(id) on delete cascade,
  year int not null,
  employees int not null check (employees >= 0),
  output_value_yuan numeric(20, 0) not null check (output_value_yuan >= 0),
  tax_yuan numeric(20, 0) not null check (tax_yuan >= 0),
  primary key (enterprise_id, year)
);

create table park_contacts (
  id uuid primary key default gen_random_uuid(),
  enterprise_id uuid not null references park_enterprises(id) on delete cascade,
  name_enc text not null,
  name_masked text not null,
  title text,
  phone_enc text,
  phone_masked text,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index park_contacts_enterprise on park_contacts (enterprise_id);
