-- Labour cooperation: batch allocations for job fairs (招聘会批量匹配). The matching engine proposes worker → posting
-- pairs (deferred acceptance or optimal assignment); they are stored as a draft, reviewed and adjusted on screen,
-- and only a confirm turns them into referrals (stage recommended), all in one transaction.

create table labor_allocations (
  id           uuid primary key default gen_random_uuid(),
  -- The bureau that runs the allocation; its workers are allocated and scopes apply to it.
  org_id       uuid not null references organisations(id),
  name         text not null,
  mode         text not null check (mode in ('stable', 'optimal')),
  min_score    integer not null check (min_score between 0 and 100),
  status       text not null default 'draft' check (status in ('draft', 'confirmed', 'discarded')),
  -- What the engine reported: proposals or matrix cells worked, candidates cut off by a truncated list.
  stats        jsonb not null default '{}',
  created_by   uuid references users(id),
  created_at   timestamptz not null default now(),
  updated_by   uuid references users(id),
  updated_at   timestamptz not null default now(),
  confirmed_by uuid references users(id),
  confirmed_at timestamptz,
  discarded_by uuid references users(id),
  discarded_at timestamptz,
  constraint labor_allocations_confirmed check ((status = 'confirmed') = (confirmed_at is not null))
);
create index labor_allocations_org_idx on labor_allocations (org_id, created_at desc);

-- The postings an allocation drew on, with the open headcount each had when the draft was made (its capacity).
create table labor_allocation_postings (
  allocation_id uuid not null references labor_allocations(id) on delete cascade,
  posting_id    uuid not null references labor_postings(id),
  capacity      integer not null check (capacity >= 0),
  primary key (allocation_id, posting_id)
);

-- One row per worker in the allocation: the posting the worker is allocated to, or null (unmatched, or a pair the
-- reviewer removed). The score and its explanation are the engine's at the time the pair was made.
create table labor_allocation_entries (
  id            uuid primary key default gen_random_uuid(),
  allocation_id uuid not null references labor_allocations(id) on delete cascade,
  worker_id     uuid not null references labor_workers(id) on delete cascade,
  posting_id    uuid references labor_postings(id),
  score         integer check (score between 0 and 100),
  explanation   jsonb,
  -- engine: as the engine allocated it; manual: set by the reviewer.
  source        text not null default 'engine' check (source in ('engine', 'manual')),
  referral_id   uuid references labor_referrals(id) on delete set null,
  updated_at    timestamptz not null default now(),
  constraint labor_allocation_entries_worker_key unique (allocation_id, worker_id),
  constraint labor_allocation_entries_posting_fk foreign key (allocation_id, posting_id) references labor_allocation_postings (allocation_id, posting_id),
  constraint labor_allocation_entries_pair check ((posting_id is null) = (score is null))
);
create index labor_allocation_entries_posting_idx on labor_allocation_entries (allocation_id, posting_id);
