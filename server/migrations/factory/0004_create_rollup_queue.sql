-- 1-minute rollups are computed off the write path (server/src/modules/factory/ingest/rollups.ts): each ingest
-- batch marks, in its own transaction, the minutes it wrote rows for; a job recomputes marked minutes once they
-- are closed, from the raw rows, and unmarks them. A late row marks its minute again.
create table factory_rollup_queue (
  bucket  timestamptz primary key,
  marks   bigint not null default 1
);
