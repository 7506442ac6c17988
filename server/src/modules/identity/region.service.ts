import type { Region } from '@gearbridge/contracts/regions';
import { requirePermission, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, invalid } from '../../platform/errors';
import { P } from './permissions';
import type { DB } from './db';
import { m } from './messages';
import { containing, likeEscaped } from '../../platform/db';

const toRegion = (r: { code: string; parent_code: string | null; name: string; level: Region['level']; full_name: string }): Region => ({
  code: r.code,
  parentCode: r.parent_code,
  name: r.name,
  level: r.level,
  fullName: r.full_name,
});

/** Regions are public reference data: any signed-in user may browse the tree. */
export async function listRegions(db: DB, f: { parent?: string; q?: string }): Promise<Region[]> {
  let q = db.selectFrom('regions').selectAll();
  if (f.q) {
    const like = containing(f.q);
    const prefix = `${likeEscaped(f.q)}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('code', 'like', prefix)])).limit(50);
  } else if (f.parent) q = q.where('parent_code', '=', f.parent);
  else q = q.where('parent_code', 'is', null);
  return (await q.orderBy('code').execute()).map(toRegion);
}

/** Where a code sits in the tree: 500000 province, 500200 city, 500229 county, 9 digits town, 12 village. */
export function placeOf(code: string): { level: Region['level']; parentCode: string | null } {
  if (code.length === 12) return { level: 'village', parentCode: code.slice(0, 9) };
  if (code.length === 9) return { level: 'town', parentCode: code.slice(0, 6) };
  if (code.endsWith('0000')) return { level: 'province', parentCode: null };
  if (code.endsWith('00')) return { level: 'city', parentCode: `${code.slice(0, 2)}0000` };
  return { level: 'county', parentCode: `${code.slice(0, 4)}00` };
}

/** Adds a village (12-digit code) or another division under an existing parent. */
export async function createRegion(db: DB, actor: Actor, input: { code: string; name: string }): Promise<Region> {
  requirePermission(actor, P.regionManage);
  const { level, parentCode } = placeOf(input.code);
  return db.transaction().execute(async (trx) => {
    const parent = parentCode ? await trx.selectFrom('regions').selectAll().where('code', '=', parentCode).executeTakeFirst() : null;
    if (parentCode && !parent) throw invalid(m('identity.region.parent_missing', { code: parentCode }), { code: m('identity.region.parent_missing_field') });
    const exists = await trx.selectFrom('regions').select('code').where('code', '=', input.code).executeTakeFirst();
    if (exists) throw conflict(m('identity.region.exists', { code: input.code }), { code: m('identity.region.exists_field') });
    const row = {
      code: input.code,
      parent_code: parentCode,
      name: input.name,
      level,
      full_name: parent ? `${parent.full_name} ${input.name}` : input.name,
    };
    await trx.insertInto('regions').values(row).execute();
    await writeAudit(trx, actor, { action: 'region.create', entity: 'region', entityId: input.code, orgId: null, after: row });
    return toRegion(row);
  });
}

/** The full names of some regions by code (for exports that show a grant's region in words). */
export async function regionNames(db: DB, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'full_name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r.full_name]));
}
