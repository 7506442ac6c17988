-- The worker list's order (newest first, then id): the first page walks this index and stops after a page of
-- workers the user may see (owned or shared), instead of sorting every worker in reach. At 100,000 workers on
-- PostgreSQL the caseworker's first page went from ~220 ms to 5–9 ms and the partner city's from ~270 ms to 15–22 ms
-- (docs/labor.md, "Worker list at 100,000 workers").
create index labor_workers_list_idx on labor_workers (created_at desc, id);
