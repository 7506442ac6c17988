import type { DB } from '../db';

/** The integration tests' kit: a line of their own beside the demo plant, in its first area. */
export async function addTestLine(db: DB, orgId: string, code: string, name: string) {
  const area = await db.selectFrom('factory_areas').select(['id', 'site_id']).executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('factory_lines')
    .values({ area_id: area.id, org_id: orgId, code, name_zh: name, name_en: name, product: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, orgId, siteId: area.site_id };
}

/** A machining centre placed on a test line, with an ideal cycle time (seconds a unit; null: none set yet). */
export const addTestDevice = (db: DB, line: { id: string; orgId: string; siteId: string }, code: string, idealCycleS: number | null) =>
  db
    .insertInto('factory_devices')
    .values({
      org_id: line.orgId,
      site_id: line.siteId,
      line_id: line.id,
      cell_id: null,
      code,
      kind: 'cnc',
      name_zh: code,
      name_en: code,
      ideal_cycle_s: idealCycleS,
      sp_group: 'test',
      sp_node: 'n',
      sp_device: code,
    })
    .returning(['id', 'num'])
    .executeTakeFirstOrThrow();
