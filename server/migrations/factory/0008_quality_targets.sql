-- A line's quality target: nonconforming units per million it is expected to stay under (the shift report and the
-- quality overview show ppm against it; a plant manager edits it with the shift target on the plant-model page).
-- The lines that exist get the 100 ppm every line was measured against while it was a constant in the code
-- (plant/src/production.ts PPM_TARGET, which the demo seed writes): the article's first-pass yield of 99.99 %.
-- The article's "1 in 100,000" would be 10 ppm; 99.99 % is what we use. A new line has none until one is set.
alter table factory_lines add column ppm_target integer check (ppm_target > 0 and ppm_target <= 1000000);
update factory_lines set ppm_target = 100;

-- A limits revision the system makes itself (the first SPC study) states its reason as a message key with parameters,
-- rendered by the web in the reader's language; `reason` keeps its English text (logs, the audit). A person's reason
-- is their own words: no key. The first studies made before this column get theirs from the English they stored.
alter table factory_spc_limits add column reason_ref jsonb;
update factory_spc_limits
   set reason_ref = jsonb_build_object('key', 'factory.spc.first_study',
                                       'params', jsonb_build_object('count', (substring(reason from '^initial study: the first (\d+) subgroups$'))::int))
 where created_by is null and reason ~ '^initial study: the first \d+ subgroups$';
