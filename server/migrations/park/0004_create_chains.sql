-- Industrial chains (产业链图谱) kept by a park administration: their links upstream → downstream, the registry's
-- enterprises on each link, the edges between links (within a chain or across: molten aluminium to a parts maker),
-- and the link an investment project fills. A link with no enterprise is a missing link (补链).

create table park_chains (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations(id),
  code text not null,
  name text not null,
  position int not null default 0,
  unique (org_id, code)
);

create table park_chain_links (
  id uuid primary key default gen_random_uuid(),
  chain_id uuid not null references park_chains(id) on delete cascade,
  name text not null,
  tier text not null check (tier in ('upstream', 'midstream', 'downstream')),
  position int not null default 0,
  unique (chain_id, name)
);

create table park_chain_link_enterprises (
  link_id uuid not null references park_chain_links(id) on delete cascade,
  enterprise_id uuid not null references park_enterprises(id) on delete cascade,
  primary key (link_id, enterprise_id)
);

create table park_chain_edges (
  from_link uuid not null references park_chain_links(id) on delete cascade,
  to_link uuid not null references park_chain_links(id) on delete cascade,
  note text,
  primary key (from_link, to_link),
  check (from_link <> to_link)
);

alter table park_projects add column chain_link_id uuid references park_chain_links(id);
create index park_projects_chain_link on park_projects (chain_link_id) where chain_link_id is not null;
