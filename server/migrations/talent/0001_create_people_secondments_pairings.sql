-- Talent collaboration (人才协作, SPEC §3): the partnership of regions and its named programmes, the people of both
-- sides (cadres and professionals), their secondments (挂职) with reports, and institution pairings (结对共建) with
-- agreements. Records are owned by an organisation (org_id) so the platform's scoping applies; the side of a record
-- (west 城口 / east 临沂) follows from its owner's region and the partnership.

-- The pairing of regions, by GB/T 2260 codes of the regions tree (no foreign key: the tree is loaded after the
-- migrations, on every start). A sub-pairing (平邑县 within 临沂市) names its parent.
create table talent_partnerships (
  id               uuid primary key default gen_random_uuid(),
  name             text not null,
  west_region_code text not null check (west_region_code ~ '^\d{6}$'),
  east_region_code text not null check (east_region_code ~ '^\d{6}$'),
  parent_id        uuid references talent_partnerships(id),
  since            date,
  created_at       timestamptz not null default now(),
  unique (west_region_code, east_region_code),
  constraint talent_partnerships_distinct check (west_region_code <> east_region_code)
);

-- Named programmes (沂蒙专家智力扶贫工程 …) that secondments, dispatches and activities belong to.
create table talent_programmes (
  id             uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references talent_partnerships(id),
  name           text not null unique,
  sector         text not null check (sector in ('health', 'education', 'agriculture', 'cadre', 'science', 'other')),
  direction      text not null check (direction in ('west_to_east', 'east_to_west', 'both')),
  started_on     date,
  description    text,
  created_at     timestamptz not null default now()
);

-- 城口县 (500229) ↔ 临沂市 (371300), and 平邑县 (371326) within Linyi; the programmes the article names.
insert into talent_partnerships (id, name, west_region_code, east_region_code, since)
  values ('6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001', '临沂市—城口县东西部扶贫协作', '500229', '371300', '2017-01-01');
insert into talent_partnerships (id, name, west_region_code, east_region_code, parent_id, since)
  values ('6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0002', '平邑县—城口县结对帮扶', '500229', '371326', '6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001', '2017-01-01');
insert into talent_programmes (partnership_id, name, sector, direction, started_on, description) values
  ('6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001', '沂蒙专家智力扶贫工程', 'health', 'east_to_west', '2018-01-01', '临沂选派医疗、教育等领域专家到城口开展智力帮扶'),
  ('6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001', '重师大城口中青蓝工程', 'education', 'both', '2018-01-01', '以老带新、师徒结对培养城口青年教师'),
  ('6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001', '东西部协作干部双向挂职', 'cadre', 'both', '2017-01-01', '两地党政干部互派挂职锻炼');

-- Cadres and professionals. The ID number and the phone are ciphertext plus a keyed hash (look-up, de-duplication)
-- and a masked form; the name stays clear: these people act in public roles (a seconded deputy head, a visiting
-- chief physician) and their names appear on dispatch orders.
create table talent_people (
  id             uuid primary key default gen_random_uuid(),
  org_id         uuid not null references organisations(id),
  kind           text not null check (kind in ('cadre', 'professional')),
  name           text not null,
  id_enc         text not null,
  id_hash        text not null unique,
  id_masked      text not null,
  phone_enc      text,
  phone_hash     text,
  phone_masked   text,
  gender         text not null check (gender in ('male', 'female')),
  birth_date     date not null,
  unit           text not null,
  post           text not null,
  -- 职称 code of the catalogue in contracts/src/talent/titles.ts (level 1–4 there); the service checks it.
  title_code     text,
  specialties    text[] not null default '{}',
  sector         text not null check (sector in ('health', 'education', 'agriculture', 'cadre', 'science', 'other')),
  availability   text not null default 'available' check (availability in ('available', 'on_assignment', 'unavailable')),
  available_from date,
  note           text,
  created_by     uuid references users(id) on delete set null,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index talent_people_org_idx on talent_people (org_id, created_at desc);

-- Secondments (挂职, and professionals' terms in the partner region): owned by the person's organisation.
create table talent_secondments (
  id           uuid primary key default gen_random_uuid(),
  person_id    uuid not null references talent_people(id) on delete cascade,
  org_id       uuid not null references organisations(id),
  direction    text not null check (direction in ('west_to_east', 'east_to_west')),
  host_org_id  uuid references organisations(id),
  host_unit    text not null,
  post         text not null,
  starts_on    date not null,
  ends_on      date not null,
  programme_id uuid references talent_programmes(id),
  note         text,
  created_by   uuid references users(id) on delete set null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  constraint talent_secondments_term check (ends_on >= starts_on)
);
create index talent_secondments_person_idx on talent_secondments (person_id, starts_on);
create index talent_secondments_ends_idx on talent_secondments (ends_on);

-- One person, one term at a time, enforced by the database as well: the trigger locks the person's row, so two
-- transactions adding terms for one person run one after the other and the second sees the first. (An exclusion
-- constraint would need btree_gist, which PGlite does not load by default.) 23P01 = exclusion_violation.
create function talent_secondments_no_overlap() returns trigger language plpgsql as $$
begin
  perform 1 from talent_people where id = new.person_id for update;
  if exists (select 1 from talent_secondments s
             where s.person_id = new.person_id and s.id <> new.id
               and s.starts_on <= new.ends_on and new.starts_on <= s.ends_on) then
    raise exception 'overlapping secondment for person %', new.person_id
      using errcode = '23P01', constraint = 'talent_secondments_no_overlap';
  end if;
  return new;
end $$;
create trigger talent_secondments_no_overlap before insert or update of person_id, starts_on, ends_on on talent_secondments
  for each row execute function talent_secondments_no_overlap();

create table talent_secondment_reports (
  id            uuid primary key default gen_random_uuid(),
  secondment_id uuid not null references talent_secondments(id) on delete cascade,
  reported_on   date not null,
  kind          text not null check (kind in ('monthly', 'quarterly', 'midterm', 'final', 'other')),
  summary       text not null,
  created_by    uuid references users(id) on delete set null,
  created_at    timestamptz not null default now()
);
create index talent_secondment_reports_idx on talent_secondment_reports (secondment_id, reported_on);

-- Institution pairings (结对共建): a western and an eastern institution; either side edits it.
create table talent_pairings (
  id           uuid primary key default gen_random_uuid(),
  kind         text not null check (kind in ('school', 'hospital', 'other')),
  west_org_id  uuid not null references organisations(id),
  east_org_id  uuid not null references organisations(id),
  programme_id uuid references talent_programmes(id),
  started_on   date not null,
  note         text,
  created_by   uuid references users(id) on delete set null,
  created_at   timestamptz not null default now(),
  unique (west_org_id, east_org_id)
);

create table talent_pairing_agreements (
  id            uuid primary key default gen_random_uuid(),
  pairing_id    uuid not null references talent_pairings(id) on delete cascade,
  title         text not null,
  signed_on     date not null,
  starts_on     date not null,
  ends_on       date,
  document_name text,
  note          text,
  created_by    uuid references users(id) on delete set null,
  created_at    timestamptz not null default now(),
  constraint talent_pairing_agreements_term check (ends_on is null or ends_on >= starts_on)
);
