-- A certification's documents as files (申请表, 评审报告, photos of the line …): PDF, a picture or an Office file, its
-- type checked by its content when uploaded, kept in the database like every other record (a backup holds them).
-- Read by the park officer and the enterprise itself (certification-files.service.ts); sealed once decided.
create table park_certification_files (
  id               uuid primary key default gen_random_uuid(),
  certification_id uuid not null references park_certifications(id) on delete cascade,
  file_name        text not null check (length(file_name) between 1 and 200),
  kind             text not null check (kind in ('pdf', 'png', 'jpeg', 'webp', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt')),
  size_bytes       integer not null check (size_bytes > 0 and size_bytes <= 20971520),
  sha256           text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content          bytea not null,
  uploaded_by      uuid references users(id),
  uploaded_at      timestamptz not null default now()
);
create index park_certification_files_cert on park_certification_files (certification_id, uploaded_at);
