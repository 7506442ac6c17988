-- Labour cooperation: skills training (classes, participants, completion, certificates), employment-assistance
-- workshops (就业帮扶车间) and their workers, public-welfare posts (公益性岗位). Every record belongs to the bureau
-- that keeps it (org_id); scopes apply to it.

create table labor_training_classes (
  id              uuid primary key default gen_random_uuid(),
  org_id          uuid not null references organisations(id),
  -- The provider: an organisation (a training provider or a school) or, for one not on the platform, a name.
  provider_org_id uuid references organisations(id),
  provider_name   text,
  title           text not null,
  occupation_code text not null,
  starts_on       date not null,
  ends_on         date not null,
  place           text,
  capacity        integer not null check (capacity > 0),
  note            text,
  created_by      uuid references users(id),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  constraint labor_training_classes_provider check (provider_org_id is not null or provider_name is not null),
  constraint labor_training_classes_dates check (starts_on <= ends_on)
);
create index labor_training_classes_org_idx on labor_training_classes (org_id, starts_on desc);

create table labor_training_participants (
  id                    uuid primary key default gen_random_uuid(),
  class_id              uuid not null references labor_training_classes(id) on delete cascade,
  worker_id             uuid not null references labor_workers(id) on delete cascade,
  status                text not null default 'enrolled' check (status in ('enrolled', 'passed', 'failed', 'dropped')),
  enrolled_on           date not null,
  completed_on          date,
  note                  text,
  certificate_name      text,
  certificate_number    text,
  certificate_issued_on date,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  constraint labor_training_participants_key unique (class_id, worker_id),
  constraint labor_training_participants_done check ((status = 'enrolled') = (completed_on is null)),
  constraint labor_training_participants_certificate check (certificate_name is null or status = 'passed')
);
create index labor_training_participants_worker_idx on labor_training_participants (worker_id);

create table labor_workshops (
  id                uuid primary key default gen_random_uuid(),
  org_id            uuid not null references organisations(id),
  name              text not null,
  -- The enterprise running the workshop: an organisation on the platform or a name.
  enterprise_org_id uuid references organisations(id),
  enterprise_name   text,
  region_code       text not null references regions(code),
  address           text,
  products          text,
  recognised_on     date,
  note              text,
  created_by        uuid references users(id),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  constraint labor_workshops_enterprise check (enterprise_org_id is not null or enterprise_name is not null)
);
create index labor_workshops_org_idx on labor_workshops (org_id);

create table labor_workshop_workers (
  id          uuid primary key default gen_random_uuid(),
  workshop_id uuid not null references labor_workshops(id) on delete cascade,
  worker_id   uuid not null references labor_workers(id) on delete cascade,
  joined_on   date not null,
  left_on     date,
  leave_reason text,
  constraint labor_workshop_workers_dates check (left_on is null or left_on >= joined_on)
);
create unique index labor_workshop_workers_live_key on labor_workshop_workers (workshop_id, worker_id) where left_on is null;
create index labor_workshop_workers_worker_idx on labor_workshop_workers (worker_id);

create table labor_welfare_posts (
  id               uuid primary key default gen_random_uuid(),
  org_id           uuid not null references organisations(id),
  post_name        text not null,
  -- The unit the holder works for, e.g. 修齐镇人民政府, and where.
  unit_name        text,
  region_code      text not null references regions(code),
  -- e.g. 东西部协作资金 (East–West collaboration funds).
  funding_source   text not null,
  holder_worker_id uuid references labor_workers(id) on delete set null,
  term_from        date not null,
  term_to          date not null,
  monthly_subsidy  integer not null check (monthly_subsidy >= 0),
  note             text,
  created_by       uuid references users(id),
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint labor_welfare_posts_term check (term_from <= term_to)
);
create index labor_welfare_posts_org_idx on labor_welfare_posts (org_id);
create index labor_welfare_posts_holder_idx on labor_welfare_posts (holder_worker_id);
