-- Activities with QR sign-in, outcomes, and mentoring (传帮带) (docs/talent.md): the figures the collaboration
-- reports — lectures, open classes, people trained, young teachers mentored — are counted from these rows.

create table talent_activities (
  id           uuid primary key default gen_random_uuid(),
  -- The organisation keeping the record (the host or the sending side).
  org_id       uuid not null references organisations(id),
  kind         text not null check (kind in ('lecture', 'open_class', 'training', 'consultation', 'surgery')),
  title        text not null,
  sector       text not null check (sector in ('health', 'education', 'agriculture', 'cadre', 'science', 'other')),
  -- Who supports whom: east_to_west is Linyi's people working for Chengkou.
  direction    text not null check (direction in ('west_to_east', 'east_to_west')),
  venue        text not null,
  starts_at    timestamptz not null,
  ends_at      timestamptz not null,
  speaker_id   uuid references talent_people(id),
  programme_id uuid references talent_programmes(id),
  pairing_id   uuid references talent_pairings(id),
  dispatch_id  uuid references talent_dispatches(id),
  -- The QR code's secret: the public sign-in page is /signin/<token>.
  signin_token text not null unique,
  note         text,
  created_by   uuid references users(id) on delete set null,
  created_at   timestamptz not null default now(),
  constraint talent_activities_time check (ends_at > starts_at)
);
create index talent_activities_org_idx on talent_activities (org_id, starts_at desc);
create index talent_activities_year_idx on talent_activities (starts_at);

-- One sign-in per phone per activity; the phone encrypted, a keyed hash for the uniqueness, masked for lists.
create table talent_signins (
  id           uuid primary key default gen_random_uuid(),
  activity_id  uuid not null references talent_activities(id) on delete cascade,
  name         text not null,
  unit         text not null,
  phone_enc    text not null,
  phone_hash   text not null,
  phone_masked text not null,
  created_at   timestamptz not null default now(),
  unique (activity_id, phone_hash)
);

-- Every public sign-in attempt (for the rate limits: per address, per activity); the address kept as a keyed hash.
create table talent_signin_attempts (
  activity_id uuid references talent_activities(id) on delete cascade,
  ip_hash     text not null,
  at          timestamptz not null default clock_timestamp()
);
create index talent_signin_attempts_ip_idx on talent_signin_attempts (ip_hash, at);
create index talent_signin_attempts_activity_idx on talent_signin_attempts (activity_id, at);

create table talent_mentorships (
  id           uuid primary key default gen_random_uuid(),
  -- The organisation keeping the record (the mentees' institution, usually).
  org_id       uuid not null references organisations(id),
  mentor_id    uuid not null references talent_people(id),
  sector       text not null check (sector in ('health', 'education', 'agriculture', 'cadre', 'science', 'other')),
  direction    text not null check (direction in ('west_to_east', 'east_to_west')),
  starts_on    date not null,
  ends_on      date,
  goals        text not null,
  programme_id uuid references talent_programmes(id),
  created_by   uuid references users(id) on delete set null,
  created_at   timestamptz not null default now(),
  constraint talent_mentorships_term check (ends_on is null or ends_on >= starts_on)
);
create index talent_mentorships_org_idx on talent_mentorships (org_id, starts_on desc);

-- Mentees: young teachers and doctors of the host institution (their name and unit; no personal numbers).
create table talent_mentees (
  id            uuid primary key default gen_random_uuid(),
  mentorship_id uuid not null references talent_mentorships(id) on delete cascade,
  name          text not null,
  unit          text not null,
  created_at    timestamptz not null default now()
);
create index talent_mentees_mentorship_idx on talent_mentees (mentorship_id);

create table talent_mentoring_logs (
  id            uuid primary key default gen_random_uuid(),
  mentorship_id uuid not null references talent_mentorships(id) on delete cascade,
  logged_on     date not null,
  summary       text not null,
  created_by    uuid references users(id) on delete set null,
  created_at    timestamptz not null default now()
);
create index talent_mentoring_logs_idx on talent_mentoring_logs (mentorship_id, logged_on);

-- What the collaboration built or won: a laboratory, a clinic, a team award … linked to what produced it.
create table talent_outcomes (
  id            uuid primary key default gen_random_uuid(),
  org_id        uuid not null references organisations(id),
  kind          text not null check (kind in ('facility', 'discipline', 'award', 'other')),
  title         text not null,
  achieved_on   date not null,
  description   text,
  programme_id  uuid references talent_programmes(id),
  pairing_id    uuid references talent_pairings(id),
  dispatch_id   uuid references talent_dispatches(id),
  mentorship_id uuid references talent_mentorships(id),
  created_by    uuid references users(id) on delete set null,
  created_at    timestamptz not null default now()
);
create index talent_outcomes_org_idx on talent_outcomes (org_id, achieved_on desc);
