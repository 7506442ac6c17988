-- Tools (issue #13 items 2 and 4): cutting tools, fixtures and gauges of a plant, with their life in uses; which
-- tools a unit's operation was made with (genealogy one way, recall by tool the other); p and u charts on attribute
-- characteristics.

create table factory_tools (
  id            uuid primary key default gen_random_uuid(),
  org_id        uuid not null references organisations(id),
  code          text not null check (length(code) between 1 and 60),
  kind          text not null check (kind in ('cutting', 'fixture', 'gauge')),
  description   text not null default '',
  -- Uses after which the tool is worn (null: no limit); uses counts every unit operation it was reported at.
  life_limit    integer check (life_limit > 0),
  uses          integer not null default 0 check (uses >= 0),
  status        text not null default 'active' check (status in ('active', 'blocked', 'retired')),
  -- When the "past its life" andon alarm was raised (once; a regrind, uses back to 0, clears it).
  life_alarm_at timestamptz,
  created_at    timestamptz not null default now(),
  constraint factory_tools_code_key unique (org_id, code)
);

-- Which tools a unit's operation used. Recall by tool walks factory_unit_op_tools_tool_idx (the tool's rows in time
-- order) to the unit ids, then probes the units' key: time proportional to the tool's units, not to the table.
create table factory_unit_op_tools (
  unit_id   bigint not null references factory_units(id),
  op        text not null,
  tool_id   uuid not null references factory_tools(id),
  slot      text not null,
  used_at   timestamptz not null,
  primary key (unit_id, op, tool_id)
);
create index factory_unit_op_tools_tool_idx on factory_unit_op_tools (tool_id, used_at);

-- A tool past its life raises an andon alarm of its own source.
alter table factory_alarms drop constraint factory_alarms_source_check;
alter table factory_alarms add constraint factory_alarms_source_check check (source in ('device', 'rule', 'spc', 'tool'));

-- Attribute characteristics: a p chart (fraction of the operation's units found NOK) or a u chart (defects per
-- unit, counting the defect codes in defect_codes, all when null), in subgroups of subgroup_minutes of the
-- operation's completions.
alter table factory_characteristics drop constraint factory_characteristics_chart_check;
alter table factory_characteristics add constraint factory_characteristics_chart_check check (chart in ('xbar_r', 'xbar_s', 'i_mr', 'p', 'u'));
alter table factory_characteristics add column defect_codes text[];
alter table factory_characteristics add column subgroup_minutes integer check (subgroup_minutes between 5 and 1440);
alter table factory_characteristics add constraint factory_characteristics_attribute_check
  check ((chart in ('p', 'u')) = (subgroup_minutes is not null));
