import { sql, type SqlBool } from 'kysely';
import type { ExchangeCounts } from '@gearbridge/contracts/talent';
import { orgInScopeSql, type Actor } from '../../platform/authz';
import { describeScope, statsScope } from './collab-stats.service';
import type { DB } from './db';

/**
 * Cadres seconded and professionals sent, each direction, counted from the secondment records (人次: one per term)
 * whose term starts in the years given, over what the actor reads — an institution its own terms, sent or hosted
 * (`statsScope`). The article's "2017–2018: cadres 8 and 3,
 * professionals 50 and 120" is this count over the demo's records (stats.int.test.ts).
 */
export async function exchangeCounts(db: DB, actor: Actor, fromYear: number, toYear: number): Promise<ExchangeCounts> {
  const { kind, scope, orgIds } = await statsScope(db, actor);
  const rows = await db
    .selectFrom('talent_secondments as s')
    .innerJoin('talent_people as p', 'p.id', 's.person_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .where(kind === 'institution' ? sql<SqlBool>`(s.org_id in (${sql.join(orgIds)}) or s.host_org_id in (${sql.join(orgIds)}))` : orgInScopeSql(scope, 'o'))
    .where(sql<SqlBool>`extract(year from s.starts_on) between ${fromYear} and ${toYear}`)
    .select(['p.kind', 's.direction', sql<number>`count(*)::int`.as('n')])
    .groupBy(['p.kind', 's.direction'])
    .execute();
  const n = (kind: string, direction: string) => rows.find((r) => r.kind === kind && r.direction === direction)?.n ?? 0;
  return {
    fromYear,
    toYear,
    cadres: { westToEast: n('cadre', 'west_to_east'), eastToWest: n('cadre', 'east_to_west') },
    professionals: { westToEast: n('professional', 'west_to_east'), eastToWest: n('professional', 'east_to_west') },
    scope: await describeScope(db, actor),
  };
}
