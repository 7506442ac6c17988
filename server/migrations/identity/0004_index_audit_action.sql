-- The audit page filters by action prefix (`auth.`, `labor.worker.`): without an index a rare action in a log of
-- millions of rows was found by reading all of them (1,000,000 rows: 74 ms to count 4 matches, and the page walked
-- the whole primary key backwards).
create index audit_log_action_idx on audit_log (action text_pattern_ops);
