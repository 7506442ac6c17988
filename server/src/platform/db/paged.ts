import { sql, type SelectQueryBuilder } from 'kysely';

/** Which page of a list: 1-based, and how many rows a page holds (the contracts' `PageQuery` bounds both). */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * One page of a filtered query and how many rows the whole filter holds. `base` carries the joins, the scope and the
 * filters (and may carry the selection: the count drops it); `rows` adds what only the page needs — its order, and the
 * selection where `base` has none. `count` may serve the total from a cache (the labour workers' route keeps it under
 * the data version); by default it is counted each time, beside the page.
 */
export async function paged<DB, TB extends keyof DB, O, R>(
  base: SelectQueryBuilder<DB, TB, O>,
  p: PageRequest,
  rows: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, R>,
  count: (compute: () => Promise<number>) => Promise<number> = (compute) => compute(),
): Promise<{ rows: R[]; total: number }> {
  const counted = async () =>
    Number(
      (
        await base
          .clearSelect()
          .select(sql<string>`count(*)`.as('n'))
          // A generic builder cannot resolve the selection's type; it is this one column.
          .$castTo<{ n: string }>()
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [page, total] = await Promise.all([
    rows(base)
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute(),
    count(counted),
  ]);
  return { rows: page, total };
}

/** A LIKE pattern that matches `text` anywhere, its own `%`, `_` and `\` taken literally. */
export const containing = (text: string) => `%${likeEscaped(text)}%`;
/** `text` with LIKE's wildcards and escape character escaped (PostgreSQL's default escape is `\`). */
export const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
