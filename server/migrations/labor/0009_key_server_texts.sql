-- Texts the server writes into rows are stored as a message key with parameters (TextRef: {"key", "params"}) and
-- rendered in the reader's language; the text column beside keeps the English (logs, the CLI) or a person's words.
-- Rows written before this migration carried Chinese sentences: the known shapes become keys here, anything else
-- (a caseworker's own words) stays as written and is shown as is.
alter table labor_referrals add column note_ref jsonb;
-- The note given with the latest step (a bulk step, an imported job-fair outcome).
alter table labor_referrals add column step_note text;
alter table labor_worker_status_history add column reason_ref jsonb;
alter table labor_relapse_alerts add column reason_ref jsonb;

update labor_referrals set note_ref = jsonb_build_object('key', 'labor.text.referral_allocation',
    'params', jsonb_build_object('allocation', m[1], 'score', m[2]::int))
  from (select id as rid, regexp_match(note, '^招聘会批量匹配「(.*)」，匹配分 (\d+)$') as m from labor_referrals) x
  where x.rid = labor_referrals.id and x.m is not null;

update labor_worker_status_history h set reason_ref = x.ref
  from (
    select id as hid, case
      when reason = 'registered' then jsonb_build_object('key', 'labor.text.registered')
      when reason = 'imported' then jsonb_build_object('key', 'labor.text.imported')
      when reason ~ '^入职 .+?：' then jsonb_build_object('key', 'labor.text.started_at',
        'params', jsonb_build_object('employer', (regexp_match(reason, '^入职 (.+?)：(.*)$'))[1], 'title', (regexp_match(reason, '^入职 (.+?)：(.*)$'))[2]))
      when reason ~ '^\d+个月回访：未就业$' then jsonb_build_object('key', 'labor.text.followup_unemployed',
        'params', jsonb_build_object('milestone', (regexp_match(reason, '^(\d+)'))[1]::int))
      when reason ~ '^离开就业帮扶车间 .+?：' then jsonb_build_object('key', 'labor.text.workshop_left',
        'params', jsonb_build_object('name', (regexp_match(reason, '^离开就业帮扶车间 (.+?)：(.*)$'))[1], 'reason', (regexp_match(reason, '^离开就业帮扶车间 (.+?)：(.*)$'))[2]))
      when reason ~ '^就业帮扶车间：' then jsonb_build_object('key', 'labor.text.workshop_joined',
        'params', jsonb_build_object('name', substr(reason, 8)))
      when reason ~ '^参加培训：' then jsonb_build_object('key', 'labor.text.training_joined',
        'params', jsonb_build_object('title', substr(reason, 6)))
      when reason ~ '^培训结束：' then jsonb_build_object('key', 'labor.text.training_ended',
        'params', jsonb_build_object('title', substr(reason, 6)))
      when reason ~ '^公益性岗位：.*（.*）$' then jsonb_build_object('key', 'labor.text.welfare_post',
        'params', jsonb_build_object('post', (regexp_match(reason, '^公益性岗位：(.*)（(.*)）$'))[1], 'funding', (regexp_match(reason, '^公益性岗位：(.*)（(.*)）$'))[2]))
    end as ref
    from labor_worker_status_history where reason is not null
  ) x
  where x.hid = h.id and x.ref is not null;

update labor_relapse_alerts a set reason_ref = x.ref
  from (
    select id as aid, case
      when reason ~ '^\d+个月回访：未就业$' then jsonb_build_object('key', 'labor.text.followup_unemployed',
        'params', jsonb_build_object('milestone', (regexp_match(reason, '^(\d+)'))[1]::int))
      when reason ~ '^\d+个月回访：未就业（.*）$' then jsonb_build_object('key', 'labor.text.followup_unemployed_with',
        'params', jsonb_build_object('milestone', (regexp_match(reason, '^(\d+)'))[1]::int, 'problems', (regexp_match(reason, '^\d+个月回访：未就业（(.*)）$'))[1]))
    end as ref
    from labor_relapse_alerts
  ) x
  where x.aid = a.id and x.ref is not null;
