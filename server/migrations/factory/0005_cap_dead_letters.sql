-- Dead letters no longer keep whole messages forever (issue #10): the first KiB, the size and a SHA-256 of each;
-- over a rate limit per topic and reason only a count, in one summary row per minute (summary_key); and a
-- retention period (FACTORY_DEAD_LETTER_DAYS). Rows already stored are cut down the same way here.
alter table factory_dead_letters
  add column size integer,
  add column sha256 text,
  add column truncated boolean not null default false,
  add column messages integer not null default 1,
  add column summary_key text;

update factory_dead_letters set size = octet_length(payload), sha256 = encode(sha256(payload), 'hex') where payload is not null;

-- no_birth messages are read again once their BIRTH comes (up to 256 KiB are kept whole for that).
update factory_dead_letters
  set payload = substring(payload from 1 for 1024), truncated = true
  where octet_length(payload) > 1024 and (reason <> 'no_birth' or octet_length(payload) > 262144);

create unique index factory_dead_letters_summary_idx on factory_dead_letters (summary_key) where summary_key is not null;
