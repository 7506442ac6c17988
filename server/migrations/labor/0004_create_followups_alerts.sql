-- Labour cooperation: follow-ups of placements at 1, 3, 6 and 12 months after the start date (稳岗回访), and
-- anti-relapse alerts (防返贫预警) raised when a registered-poor or monitored worker loses a job.

create table labor_followups (
  id             uuid primary key default gen_random_uuid(),
  referral_id    uuid not null references labor_referrals(id) on delete cascade,
  worker_id      uuid not null references labor_workers(id) on delete cascade,
  -- Months after the start date: 1, 3, 6 or 12; due on the start date plus that many calendar months (clamped to
  -- the month's last day, docs/retention.md).
  milestone      integer not null check (milestone in (1, 3, 6, 12)),
  due_on         date not null,
  -- Recorded outcome: still employed at the same employer, at another one, or not employed.
  outcome        text check (outcome in ('same_employer', 'other_employer', 'not_employed')),
  monthly_wage   integer check (monthly_wage >= 0),
  problems       text,
  contact_method text check (contact_method in ('phone', 'visit', 'wechat', 'other')),
  contacted_on   date,
  recorded_by    uuid references users(id),
  recorded_at    timestamptz,
  created_at     timestamptz not null default now(),
  constraint labor_followups_milestone_key unique (referral_id, milestone),
  constraint labor_followups_recorded check (
    (outcome is null) = (recorded_at is null) and (outcome is null) = (contact_method is null) and (outcome is null) = (contacted_on is null)
  )
);
create index labor_followups_pending_idx on labor_followups (due_on) where outcome is null;
create index labor_followups_worker_idx on labor_followups (worker_id);

create table labor_relapse_alerts (
  id              uuid primary key default gen_random_uuid(),
  worker_id       uuid not null references labor_workers(id) on delete cascade,
  -- status_change: the worker's status went from a job to unemployed; followup: a follow-up found the worker not employed.
  trigger         text not null check (trigger in ('status_change', 'followup')),
  followup_id     uuid references labor_followups(id) on delete set null,
  reason          text not null,
  status          text not null default 'open' check (status in ('open', 'acknowledged', 'closed')),
  raised_at       timestamptz not null default now(),
  acknowledged_by uuid references users(id),
  acknowledged_at timestamptz,
  closed_by       uuid references users(id),
  closed_at       timestamptz,
  close_note      text,
  constraint labor_relapse_alerts_closed check ((status = 'closed') = (closed_at is not null) and (closed_at is null) = (close_note is null))
);
-- One live alert per worker: a second trigger while one is open adds nothing.
create unique index labor_relapse_alerts_live_key on labor_relapse_alerts (worker_id) where status <> 'closed';
create index labor_relapse_alerts_status_idx on labor_relapse_alerts (status, raised_at desc);
