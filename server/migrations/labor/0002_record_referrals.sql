-- Labour cooperation: referrals of a worker to a posting, recommended → contacted → interviewed → hired → started,
-- or declined with a reason at any stage before the start. A hire takes one of the posting's open places (given back
-- if the hire is declined later); the start sets the worker's employment status. Both in the referral's transaction.

create table labor_referrals (
  id              uuid primary key default gen_random_uuid(),
  worker_id       uuid not null references labor_workers(id) on delete cascade,
  posting_id      uuid not null references labor_postings(id),
  status          text not null default 'recommended' check (status in ('recommended', 'contacted', 'interviewed', 'hired', 'declined', 'started')),
  note            text,
  -- The stage the referral had reached when it was declined, and why.
  declined_stage  text check (declined_stage in ('recommended', 'contacted', 'interviewed', 'hired')),
  declined_reason text,
  created_by      uuid references users(id),
  updated_by      uuid references users(id),
  recommended_at  timestamptz not null default now(),
  contacted_at    timestamptz,
  interviewed_at  timestamptz,
  hired_at        timestamptz,
  started_on      date,
  declined_at     timestamptz,
  updated_at      timestamptz not null default now(),
  constraint labor_referrals_declined check ((status = 'declined') = (declined_reason is not null))
);
-- One live referral of a worker to a posting; a declined one may be followed by a new one.
create unique index labor_referrals_live_key on labor_referrals (worker_id, posting_id) where status <> 'declined';
create index labor_referrals_posting_idx on labor_referrals (posting_id);
create index labor_referrals_worker_idx on labor_referrals (worker_id);
