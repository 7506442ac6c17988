-- Core identity: regions, organisations, users, roles, sessions, login attempts, audit log, import jobs.

create table regions (
  code        text primary key check (code ~ '^(\d{6}|\d{9}|\d{12})$'),
  parent_code text references regions(code),
  name        text not null,
  level       text not null check (level in ('province', 'city', 'county', 'town', 'village')),
  full_name   text not null
);
create index regions_parent_idx on regions (parent_code);

create table organisations (
  id           uuid primary key default gen_random_uuid(),
  name         text not null,
  kind         text not null check (kind in ('enterprise', 'government', 'park_admin', 'hospital', 'school', 'training_provider')),
  region_code  text not null references regions(code),
  uscc         text,
  contact_name text,
  address      text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint organisations_name_key unique (name),
  constraint organisations_uscc_key unique (uscc)
);
create index organisations_region_idx on organisations (region_code text_pattern_ops);

create table users (
  id                  uuid primary key default gen_random_uuid(),
  org_id              uuid not null references organisations(id),
  username            text not null,
  display_name        text not null,
  password_hash       text not null,
  -- Personal data: AES-256-GCM ciphertext, and a keyed hash for exact look-up. Never the clear number.
  phone_enc           text,
  phone_hash          text,
  phone_masked        text,
  status              text not null default 'active' check (status in ('active', 'disabled')),
  locale              text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  last_login_at       timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  constraint users_username_key unique (username)
);
create index users_org_idx on users (org_id);
create index users_phone_hash_idx on users (phone_hash);

create table roles (
  id          uuid primary key default gen_random_uuid(),
  -- null: a built-in role the platform defines; otherwise a role an organisation made for itself.
  org_id      uuid references organisations(id),
  code        text not null,
  name_zh     text not null,
  name_en     text not null,
  permissions text[] not null default '{}',
  built_in    boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create unique index roles_org_code_key on roles (coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), code);

create table user_roles (
  id          bigserial primary key,
  user_id     uuid not null references users(id) on delete cascade,
  role_id     uuid not null references roles(id),
  -- For government users: the region subtree this grant covers; null covers the user's own organisation.
  region_code text references regions(code)
);
create unique index user_roles_grant_key on user_roles (user_id, role_id, coalesce(region_code, ''));
create index user_roles_role_idx on user_roles (role_id);

create table sessions (
  -- sha256 of the cookie's token: a leaked table does not give usable cookies.
  id           text primary key,
  user_id      uuid not null references users(id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at   timestamptz not null,
  ip           text,
  user_agent   text
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

create table login_attempts (
  id       bigserial primary key,
  username text not null,
  ip       text not null,
  at       timestamptz not null default now(),
  success  boolean not null
);
create index login_attempts_username_idx on login_attempts (username, at);
create index login_attempts_ip_idx on login_attempts (ip, at);

create table audit_log (
  id         bigserial primary key,
  at         timestamptz not null default now(),
  actor_id   uuid,
  actor_name text,
  org_id     uuid,
  action     text not null,
  entity     text not null,
  entity_id  text,
  before     jsonb,
  after      jsonb,
  request_id text,
  ip         text
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity, entity_id);
create index audit_log_org_idx on audit_log (org_id, at desc);
create index audit_log_actor_idx on audit_log (actor_id, at desc);

create table import_jobs (
  id           uuid primary key default gen_random_uuid(),
  kind         text not null,
  file_name    text not null,
  user_id      uuid not null references users(id),
  org_id       uuid not null references organisations(id),
  status       text not null default 'pending' check (status in ('pending', 'confirmed', 'discarded')),
  total_rows   integer not null,
  valid_rows   integer not null,
  errors       jsonb not null,
  -- Valid rows as they will be written; nothing reaches the target tables before confirm.
  rows         jsonb not null,
  created_at   timestamptz not null default now(),
  confirmed_at timestamptz
);
create index import_jobs_user_idx on import_jobs (user_id, created_at desc);
