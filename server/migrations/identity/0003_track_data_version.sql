-- One counter for the data that cached reads depend on (platform/data-version.ts): a statement trigger on each
-- such table bumps it in the writing transaction, so a reader that sees the new counter also sees the change (the
-- row lock orders the bumps in commit order). Cached answers (sessions, the worker list and detail, the labour
-- figures) are kept under the counter they were computed at and are used only while it is unchanged, in every
-- server process. One row, not one per table: several rows bumped in different orders by two transactions could
-- deadlock. Not on telemetry, audit or sign-in bookkeeping, which change all the time and feed no cached read.
create table data_version (
  id      boolean primary key default true check (id),
  version bigint not null
);
insert into data_version (id, version) values (true, 1);

create function bump_data_version() returns trigger language plpgsql as $$
begin
  update data_version set version = version + 1 where id;
  return null;
end
$$;

create trigger regions_data_version after insert or update or delete or truncate on regions
  for each statement execute function bump_data_version();
create trigger organisations_data_version after insert or update or delete or truncate on organisations
  for each statement execute function bump_data_version();
-- Sign-in bookkeeping (last_login_at, locale) feeds no cached read: only the columns that do.
create trigger users_data_version after insert or delete or truncate on users
  for each statement execute function bump_data_version();
create trigger users_update_data_version after update of username, display_name, org_id, status, password_hash on users
  for each statement execute function bump_data_version();
create trigger roles_data_version after insert or update or delete or truncate on roles
  for each statement execute function bump_data_version();
create trigger user_roles_data_version after insert or update or delete or truncate on user_roles
  for each statement execute function bump_data_version();
-- A session ends (sign-out, password change, purge): cached sessions are checked again. Creating one or sliding
-- its expiry changes nothing cached.
create trigger sessions_data_version after delete or truncate on sessions
  for each statement execute function bump_data_version();
