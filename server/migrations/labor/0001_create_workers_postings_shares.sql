-- Labour cooperation (劳务协作): workers and their status history, enterprises' labour demand (postings), and the
-- explicit shares between the paired regions. Occupation codes (职业分类大典 2022, a shipped subset) are reference
-- data served from server/data/occupations; columns hold their codes and the service checks them.

create table labor_workers (
  id                  uuid primary key default gen_random_uuid(),
  -- The owning organisation: the county employment bureau that keeps this person's record. Scopes apply to it.
  org_id              uuid not null references organisations(id),
  caseworker_id       uuid references users(id),
  -- Personal data. The ID number is only ciphertext plus a keyed hash (de-duplication and exact look-up): no
  -- partial number is stored, because its first and last four digits beside the birth date would rebuild it.
  id_enc              text not null,
  id_hash             text not null,
  name_enc            text not null,
  name_hash           text not null,
  -- 王** : the surname only, for display and surname search.
  name_masked         text not null,
  phone_enc           text,
  phone_hash          text,
  phone_masked        text,
  -- Derived from the ID number (GB 11643) when it is recorded.
  gender              text not null check (gender in ('male', 'female')),
  birth_date          date not null,
  -- GB/T 2260 / statistical division code down to the town or, where the tree has it, the village.
  home_region_code    text not null references regions(code),
  -- The village by name when the region tree stops at the town.
  home_village        text,
  registered_poor     boolean not null default false,
  -- 防返贫监测对象: 脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户; null: not monitored.
  monitoring_category text check (monitoring_category in ('unstable', 'marginal', 'sudden_hardship')),
  education           text not null default 'junior_secondary'
                      check (education in ('none', 'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational', 'college', 'bachelor', 'postgraduate')),
  -- [{ "code": "6-18-01-01", "level": "level4" }]
  skills              jsonb not null default '[]',
  -- [{ "name": "焊工证", "occupationCode": "6-18-02-04", "level": "level4", "issuedOn": "2021-05-01" }]
  certificates        jsonb not null default '[]',
  work_ability        text not null default 'full' check (work_ability in ('full', 'partial', 'unable')),
  disability          text,
  status              text not null check (status in ('unemployed', 'employed_local', 'employed_out_of_province', 'self_employed', 'public_welfare_post', 'in_training', 'unable_to_work')),
  status_since        date not null,
  -- Employment needs (就业需求).
  wanted_occupations  text[] not null default '{}',
  wanted_regions      text[] not null default '{}',
  min_monthly_wage    integer check (min_monthly_wage >= 0),
  needs_housing       boolean not null default false,
  available_from      date,
  needs_note          text,
  -- Consent to share personal data with the partner region, recorded with when and by whom.
  consent_share       boolean not null default false,
  consent_at          timestamptz,
  consent_by          uuid references users(id),
  created_by          uuid references users(id),
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  constraint labor_workers_id_hash_key unique (id_hash)
);
create index labor_workers_org_idx on labor_workers (org_id);
create index labor_workers_region_idx on labor_workers (home_region_code text_pattern_ops);
create index labor_workers_status_idx on labor_workers (status);
create index labor_workers_name_hash_idx on labor_workers (name_hash);
create index labor_workers_phone_hash_idx on labor_workers (phone_hash);
create index labor_workers_skills_idx on labor_workers using gin (skills jsonb_path_ops);
create index labor_workers_wanted_idx on labor_workers using gin (wanted_occupations);

-- Every status a worker has been in: a change appends a row, nothing is overwritten.
create table labor_worker_status_history (
  id              bigserial primary key,
  worker_id       uuid not null references labor_workers(id) on delete cascade,
  status          text not null,
  previous_status text,
  effective_on    date not null,
  reason          text,
  changed_by      uuid references users(id),
  changed_at      timestamptz not null default now()
);
create index labor_worker_status_history_worker_idx on labor_worker_status_history (worker_id, id);

create table labor_postings (
  id                    uuid primary key default gen_random_uuid(),
  -- The employer; scopes apply to it. An official may post on an employer's behalf (posted_by_org_id).
  org_id                uuid not null references organisations(id),
  posted_by_org_id      uuid not null references organisations(id),
  created_by            uuid references users(id),
  title                 text not null,
  occupation_code       text not null,
  headcount             integer not null check (headcount > 0),
  -- Decremented by placements (referrals) in the same transaction that records them.
  open_headcount        integer not null check (open_headcount >= 0),
  wage_min              integer not null check (wage_min >= 0),
  wage_max              integer not null,
  work_region_code      text not null references regions(code),
  work_address          text,
  requirements          text,
  required_certificates text[] not null default '{}',
  age_min               integer check (age_min between 16 and 70),
  age_max               integer check (age_max between 16 and 70),
  housing               boolean not null default false,
  meals                 boolean not null default false,
  transport_subsidy     integer not null default 0 check (transport_subsidy >= 0),
  valid_from            date not null,
  valid_to              date not null,
  status                text not null default 'open' check (status in ('open', 'closed')),
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  constraint labor_postings_open_le_head check (open_headcount <= headcount),
  constraint labor_postings_wage_range check (wage_min <= wage_max),
  constraint labor_postings_age_range check (age_min is null or age_max is null or age_min <= age_max),
  constraint labor_postings_validity check (valid_from <= valid_to)
);
create index labor_postings_org_idx on labor_postings (org_id);
create index labor_postings_region_idx on labor_postings (work_region_code text_pattern_ops);
create index labor_postings_occupation_idx on labor_postings (occupation_code);

-- An explicit share of one worker's needs or one posting with a partner organisation. The partner reads exactly
-- the records with an active share to an organisation in its scope; revoking ends that at once.
create table labor_shares (
  id          uuid primary key default gen_random_uuid(),
  kind        text not null check (kind in ('worker', 'posting')),
  worker_id   uuid references labor_workers(id) on delete cascade,
  posting_id  uuid references labor_postings(id) on delete cascade,
  from_org_id uuid not null references organisations(id),
  to_org_id   uuid not null references organisations(id),
  note        text,
  shared_by   uuid references users(id),
  shared_at   timestamptz not null default now(),
  revoked_at  timestamptz,
  revoked_by  uuid references users(id),
  constraint labor_shares_subject check ((kind = 'worker') = (worker_id is not null) and (kind = 'posting') = (posting_id is not null))
);
create unique index labor_shares_worker_active_key on labor_shares (worker_id, to_org_id) where revoked_at is null and worker_id is not null;
create unique index labor_shares_posting_active_key on labor_shares (posting_id, to_org_id) where revoked_at is null and posting_id is not null;
create index labor_shares_to_idx on labor_shares (to_org_id) where revoked_at is null;
create index labor_shares_from_idx on labor_shares (from_org_id, shared_at desc);
