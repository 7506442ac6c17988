-- East–West cooperation pairs (东西部协作结对): a labour-exporting region in the west and its partner in the east.
-- A share of a worker's record or a posting goes only to an organisation located in a region paired with the
-- region of the record's owner (docs/labor.md, "Partners"). The codes are GB/T 2260 codes of the regions tree;
-- there is no foreign key to it because the tree is loaded after the migrations, on every start.
create table labor_region_pairs (
  west_region_code text not null check (west_region_code ~ '^\d{6}$'),
  east_region_code text not null check (east_region_code ~ '^\d{6}$'),
  note             text,
  created_at       timestamptz not null default now(),
  primary key (west_region_code, east_region_code),
  constraint labor_region_pairs_distinct check (west_region_code <> east_region_code)
);
create index labor_region_pairs_east_idx on labor_region_pairs (east_region_code);

-- 城口县 (重庆市, server/data/regions/areas.csv 500229) ↔ 临沂市 (山东省, cities.csv 3713 → 371300).
insert into labor_region_pairs (west_region_code, east_region_code, note) values ('500229', '371300', '城口县—临沂市东西部协作');
