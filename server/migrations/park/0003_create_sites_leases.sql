-- Plant space (厂房 and 地块) kept by a park administration, drawn on the park's plan by its code, and its leases to
-- registry enterprises. A lease of a site that stood idle or offered revives its area (盘活闲置厂房): the area revived
-- in a year is the sum over the leases starting in it that did.

create table park_sites (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  -- The feature of the park's plan that draws it.
  code text not null,
  name text not null,
  kind text not null check (kind in ('building', 'plot')),
  zone text,
  area_m2 int not null check (area_m2 > 0),
  condition text not null check (condition in ('good', 'fair', 'poor')),
  status text not null check (status in ('idle', 'offered', 'leased', 'in_use')),
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code)
);

create table park_leases (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references park_sites(id),
  enterprise_id uuid not null references park_enterprises(id),
  starts_on date not null,
  ends_on date not null check (ends_on > starts_on),
  area_m2 int not null check (area_m2 > 0),
  -- Monthly rent, whole yuan.
  rent_yuan_month numeric(20, 0) not null check (rent_yuan_month >= 0),
  revives boolean not null,
  ended_on date check (ended_on is null or ended_on >= starts_on),
  note text,
  created_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index park_leases_site on park_leases (site_id, starts_on);
create index park_leases_enterprise on park_leases (enterprise_id);
create index park_leases_revived on park_leases (starts_on) where revives;
-- At most one running lease a site.
create unique index park_leases_one_running on park_leases (site_id) where ended_on is null;
