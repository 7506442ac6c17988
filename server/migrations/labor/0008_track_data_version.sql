-- The labour tables feed cached reads (the worker list and detail, the dashboard's figures): each change bumps the
-- data version in its transaction (identity/0003_track_data_version.sql explains).
create trigger labor_region_pairs_data_version after insert or update or delete or truncate on labor_region_pairs
  for each statement execute function bump_data_version();
create trigger labor_workers_data_version after insert or update or delete or truncate on labor_workers
  for each statement execute function bump_data_version();
create trigger labor_worker_status_history_data_version after insert or update or delete or truncate on labor_worker_status_history
  for each statement execute function bump_data_version();
create trigger labor_postings_data_version after insert or update or delete or truncate on labor_postings
  for each statement execute function bump_data_version();
create trigger labor_shares_data_version after insert or update or delete or truncate on labor_shares
  for each statement execute function bump_data_version();
create trigger labor_referrals_data_version after insert or update or delete or truncate on labor_referrals
  for each statement execute function bump_data_version();
create trigger labor_allocations_data_version after insert or update or delete or truncate on labor_allocations
  for each statement execute function bump_data_version();
create trigger labor_allocation_postings_data_version after insert or update or delete or truncate on labor_allocation_postings
  for each statement execute function bump_data_version();
create trigger labor_allocation_entries_data_version after insert or update or delete or truncate on labor_allocation_entries
  for each statement execute function bump_data_version();
create trigger labor_followups_data_version after insert or update or delete or truncate on labor_followups
  for each statement execute function bump_data_version();
create trigger labor_relapse_alerts_data_version after insert or update or delete or truncate on labor_relapse_alerts
  for each statement execute function bump_data_version();
create trigger labor_training_classes_data_version after insert or update or delete or truncate on labor_training_classes
  for each statement execute function bump_data_version();
create trigger labor_training_participants_data_version after insert or update or delete or truncate on labor_training_participants
  for each statement execute function bump_data_version();
create trigger labor_workshops_data_version after insert or update or delete or truncate on labor_workshops
  for each statement execute function bump_data_version();
create trigger labor_workshop_workers_data_version after insert or update or delete or truncate on labor_workshop_workers
  for each statement execute function bump_data_version();
create trigger labor_welfare_posts_data_version after insert or update or delete or truncate on labor_welfare_posts
  for each statement execute function bump_data_version();
