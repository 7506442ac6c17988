import { sql } from 'kysely';
import { yuanToYi, type ChainMap } from '@gearbridge/contracts/park';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { notFound } from '../../../platform/errors';
import type { DB, Tx } from '../db';
import { m } from '../messages';
import { PP } from '../permissions';
import { enterpriseForWrite } from '../retrofits/scope';

/**
 * The industrial-chain map (产业链图谱) of the administrations in scope: each chain's links in tier order, the
 * registry's enterprises on a link, the projects filling it, the edges between links; a link without an enterprise
 * is missing (补链). Coverage counts are taken from the same rows.
 */
export async function chainMap(db: DB, actor: Actor): Promise<ChainMap> {
  requirePermission(actor, PP.read);
  const scope = orgInScopeSql(scopeOf(actor, PP.read), 'o');
  const chains = await db
    .selectFrom('park_chains as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .where(scope)
    .select(['c.id', 'c.code', 'c.name'])
    .orderBy('c.position')
    .orderBy('c.code')
    .execute();
  const ids = chains.map((c) => c.id);
  if (!ids.length) return { chains: [], edges: [], coverage: { links: 0, covered: 0, missing: 0, targeted: 0 } };
  const links = await db
    .selectFrom('park_chain_links')
    .select(['id', 'chain_id', 'name', 'tier', 'position'])
    .where('chain_id', 'in', ids)
    .orderBy(sql`case tier when 'upstream' then 0 when 'midstream' then 1 else 2 end`)
    .orderBy('position')
    .execute();
  const linkIds = links.map((l) => l.id);
  const on = linkIds.length
    ? await db
        .selectFrom('park_chain_link_enterprises as le')
        .innerJoin('park_enterprises as e', 'e.id', 'le.enterprise_id')
        .innerJoin('organisations as eo', 'eo.id', 'e.org_id')
        .select(['le.link_id', 'e.id', 'eo.name'])
        .where('le.link_id', 'in', linkIds)
        .orderBy('eo.name')
        .execute()
    : [];
  const projects = linkIds.length
    ? await db
        .selectFrom('park_projects as p')
        .innerJoin('organisations as o', 'o.id', 'p.org_id')
        .where(scope)
        .where('p.chain_link_id', 'in', linkIds)
        .select(['p.id', 'p.name', 'p.stage', 'p.chain_link_id', sql<string>`p.amount_yuan::text`.as('amount')])
        .orderBy('p.amount_yuan', 'desc')
        .orderBy('p.name')
        .execute()
    : [];
  const edges = linkIds.length ? await db.selectFrom('park_chain_edges').selectAll().where('from_link', 'in', linkIds).where('to_link', 'in', linkIds).execute() : [];
  const out = chains.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    links: links
      .filter((l) => l.chain_id === c.id)
      .map((l) => {
        const enterprises = on.filter((x) => x.link_id === l.id).map((x) => ({ id: x.id, name: x.name }));
        return {
          id: l.id,
          chainId: c.id,
          name: l.name,
          tier: l.tier,
          enterprises,
          projects: projects.filter((p) => p.chain_link_id === l.id).map((p) => ({ id: p.id, name: p.name, stage: p.stage, amount: yuanToYi(p.amount) })),
          missing: enterprises.length === 0,
        };
      }),
  }));
  const all = out.flatMap((c) => c.links);
  return {
    chains: out,
    edges: edges.map((e) => ({ from: e.from_link, to: e.to_link, note: e.note })),
    coverage: {
      links: all.length,
      covered: all.filter((l) => !l.missing).length,
      missing: all.filter((l) => l.missing).length,
      targeted: all.filter((l) => l.missing && l.projects.length > 0).length,
    },
  };
}

async function loadLink(db: Tx, actor: Actor, id: string) {
  requirePermission(actor, PP.manage);
  const link = await db
    .selectFrom('park_chain_links as l')
    .innerJoin('park_chains as c', 'c.id', 'l.chain_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select(['l.id', 'l.name', 'c.org_id', 'o.region_code'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!link) throw notFound(m('park.chain.link_not_found'));
  requireInScope(actor, PP.manage, { id: link.org_id, regionCode: link.region_code });
  return link;
}

/** Puts a registry enterprise on a link (park.manage over the chain's administration); again is a no-op. */
export async function addLinkEnterprise(db: DB, actor: Actor, linkId: string, enterpriseId: string): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const link = await loadLink(trx, actor, linkId);
    const e = await enterpriseForWrite(trx, actor, enterpriseId, PP.read);
    const added = await trx
      .insertInto('park_chain_link_enterprises')
      .values({ link_id: linkId, enterprise_id: e.id })
      .onConflict((oc) => oc.doNothing())
      .returning('link_id')
      .executeTakeFirst();
    if (added)
      await writeAudit(trx, actor, {
        action: 'park.chain.link_enterprise_add',
        entity: 'park_chain_link',
        entityId: linkId,
        orgId: link.org_id,
        after: { link: link.name, enterpriseId, enterprise: e.name },
      });
  });
  return chainMap(db, actor);
}

export async function removeLinkEnterprise(db: DB, actor: Actor, linkId: string, enterpriseId: string): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const link = await loadLink(trx, actor, linkId);
    const gone = await trx
      .deleteFrom('park_chain_link_enterprises')
      .where('link_id', '=', linkId)
      .where('enterprise_id', '=', enterpriseId)
      .returning('enterprise_id')
      .executeTakeFirst();
    if (gone)
      await writeAudit(trx, actor, {
        action: 'park.chain.link_enterprise_remove',
        entity: 'park_chain_link',
        entityId: linkId,
        orgId: link.org_id,
        before: { link: link.name, enterpriseId },
      });
  });
  return chainMap(db, actor);
}
