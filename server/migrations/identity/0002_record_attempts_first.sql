-- Sign-in attempts are recorded before the password is checked, with no outcome yet (success null), under a lock
-- per username and per address: parallel attempts see each other, and a pending attempt counts as a failure until
-- it is known. The check of the current password in a password change is throttled the same way (kind 'password').
alter table login_attempts alter column success drop not null;
alter table login_attempts add column kind text not null default 'login';
alter table login_attempts add constraint login_attempts_kind_check check (kind in ('login', 'password'));
create index login_attempts_username_ip_idx on login_attempts (username, ip, at);
