import { sql } from 'kysely';
import { lockKey } from '../../../platform/db';
import { yuanToYi, type ChainInput, type ChainMap, type ChainPatch, type EdgeInput, type LinkInput, type LinkOrder, type LinkPatch } from '@gearbridge/contracts/park';
import { inScope, orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, invalid, notFound } from '../../../platform/errors';
import type { DB, Tx } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { enterpriseForWrite } from '../retrofits/scope';
import { keepingOrg } from '../projects/projects.service';

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

// ---- editing chains, links and edges (park.manage over the chain's administration; each change audited) -----------

async function loadChain(db: Tx, actor: Actor, id: string) {
  requirePermission(actor, PP.manage);
  const chain = await db
    .selectFrom('park_chains as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select(['c.id', 'c.code', 'c.name', 'c.org_id', 'o.region_code'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!chain) throw notFound(m('park.chain.not_found'));
  requireInScope(actor, PP.manage, { id: chain.org_id, regionCode: chain.region_code });
  return chain;
}
const refuse = (errors: Record<string, Msg>) => {
  throw invalid(m('park.chain.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
};

/** A new chain of the administration, after its others. */
export async function createChain(db: DB, actor: Actor, input: ChainInput): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const org = await keepingOrg(trx, actor, input.orgId);
    // Two creates at once: the second waits here and then finds the code taken (a 400 on the field, not a 500).
    await lockKey(trx, `park.chains:${org.id}`);
    const taken = await trx.selectFrom('park_chains').select('id').where('org_id', '=', org.id).where('code', '=', input.code).executeTakeFirst();
    if (taken) refuse({ code: m('park.chain.field_code_taken') });
    const { id } = await trx
      .insertInto('park_chains')
      .values({
        org_id: org.id,
        code: input.code,
        name: input.name,
        position: sql<number>`(select coalesce(max(position), -1) + 1 from park_chains where org_id = ${org.id})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'park.chain.create', entity: 'park_chain', entityId: id, orgId: org.id, after: { code: input.code, name: input.name } });
  });
  return chainMap(db, actor);
}

export async function renameChain(db: DB, actor: Actor, id: string, p: ChainPatch): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const chain = await loadChain(trx, actor, id);
    if (chain.name === p.name) return;
    await trx.updateTable('park_chains').set({ name: p.name }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'park.chain.update', entity: 'park_chain', entityId: id, orgId: chain.org_id, before: { name: chain.name }, after: { name: p.name } });
  });
  return chainMap(db, actor);
}

/** A chain's links are named, placed and renamed one request at a time (check, then write). */
async function lockChain(db: Tx, chainId: string) {
  await db.selectFrom('park_chains').select('id').where('id', '=', chainId).forUpdate().execute();
}

async function nameTaken(db: Tx, chainId: string, name: string, except?: string) {
  let q = db.selectFrom('park_chain_links').select('id').where('chain_id', '=', chainId).where('name', '=', name);
  if (except) q = q.where('id', '<>', except);
  return !!(await q.executeTakeFirst());
}

/** A new link of the chain, last of its tier. */
export async function createLink(db: DB, actor: Actor, chainId: string, input: LinkInput): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const chain = await loadChain(trx, actor, chainId);
    await lockChain(trx, chainId);
    if (await nameTaken(trx, chainId, input.name)) refuse({ name: m('park.chain.field_name_taken') });
    const { id } = await trx
      .insertInto('park_chain_links')
      .values({
        chain_id: chainId,
        name: input.name,
        tier: input.tier,
        position: sql<number>`(select coalesce(max(position), -1) + 1 from park_chain_links where chain_id = ${chainId})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'park.chain.link_create', entity: 'park_chain_link', entityId: id, orgId: chain.org_id, after: { chain: chain.name, ...input } });
  });
  return chainMap(db, actor);
}

export async function updateLink(db: DB, actor: Actor, linkId: string, p: LinkPatch): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const link = await loadLink(trx, actor, linkId);
    const row = await trx.selectFrom('park_chain_links').select(['chain_id', 'name', 'tier']).where('id', '=', linkId).executeTakeFirstOrThrow();
    await lockChain(trx, row.chain_id);
    if (p.name !== undefined && (await nameTaken(trx, row.chain_id, p.name, linkId))) refuse({ name: m('park.chain.field_name_taken') });
    const after = { name: p.name ?? row.name, tier: p.tier ?? row.tier };
    if (after.name === row.name && after.tier === row.tier) return;
    await trx.updateTable('park_chain_links').set(after).where('id', '=', linkId).execute();
    await writeAudit(trx, actor, {
      action: 'park.chain.link_update',
      entity: 'park_chain_link',
      entityId: linkId,
      orgId: link.org_id,
      before: { name: row.name, tier: row.tier },
      after,
    });
  });
  return chainMap(db, actor);
}

/** Supply from one link to another: both links of the same administration's chains (400 otherwise). */
export async function addEdge(db: DB, actor: Actor, input: EdgeInput): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    requirePermission(actor, PP.manage);
    const links = await trx
      .selectFrom('park_chain_links as l')
      .innerJoin('park_chains as c', 'c.id', 'l.chain_id')
      .innerJoin('organisations as o', 'o.id', 'c.org_id')
      .select(['l.id', 'l.name', 'c.org_id', 'o.region_code'])
      .where('l.id', 'in', [input.from, input.to])
      .execute();
    const from = links.find((l) => l.id === input.from);
    const to = links.find((l) => l.id === input.to);
    const manage = scopeOf(actor, PP.manage);
    const errors: Record<string, Msg> = {};
    if (!from || !inScope(manage, { id: from.org_id, regionCode: from.region_code })) errors.from = m('park.chain.field_unknown_link');
    if (!to || !inScope(manage, { id: to.org_id, regionCode: to.region_code }) || (from && to.org_id !== from.org_id)) errors.to = m('park.chain.field_unknown_link');
    else if (input.from === input.to) errors.to = m('park.chain.field_same_link');
    if (Object.keys(errors).length) refuse(errors);
    const added = await trx
      .insertInto('park_chain_edges')
      .values({ from_link: input.from, to_link: input.to, note: input.note || null })
      .onConflict((oc) => oc.doNothing())
      .returning('from_link')
      .executeTakeFirst();
    if (!added) refuse({ to: m('park.chain.field_edge_exists') });
    await writeAudit(trx, actor, {
      action: 'park.chain.edge_add',
      entity: 'park_chain_link',
      entityId: input.from,
      orgId: from!.org_id,
      after: { from: from!.name, to: to!.name, toLinkId: input.to, note: input.note || null },
    });
  });
  return chainMap(db, actor);
}

export async function removeEdge(db: DB, actor: Actor, fromId: string, toId: string): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const from = await loadLink(trx, actor, fromId);
    const gone = await trx.deleteFrom('park_chain_edges').where('from_link', '=', fromId).where('to_link', '=', toId).returning('note').executeTakeFirst();
    if (gone)
      await writeAudit(trx, actor, {
        action: 'park.chain.edge_remove',
        entity: 'park_chain_link',
        entityId: fromId,
        orgId: from.org_id,
        before: { from: from.name, toLinkId: toId, note: gone.note },
      });
  });
  return chainMap(db, actor);
}

// ---- deleting and ordering (park.manage over the chain's administration; each change audited) ----------------------

/** Up to `max` names joined for a message, "…" when there are more, "—" when none. */
const names = (list: string[], max = 5) => (list.length ? list.slice(0, max).join(', ') + (list.length > max ? ' …' : '') : '—');

/** What hangs on the links: the registry's enterprises on each, and the projects (any administration, any stage) filling each. */
async function holdings(db: Tx, linkIds: string[]) {
  if (!linkIds.length) return { enterprises: [], projects: [] };
  const enterprises = await db
    .selectFrom('park_chain_link_enterprises as le')
    .innerJoin('park_enterprises as e', 'e.id', 'le.enterprise_id')
    .innerJoin('organisations as eo', 'eo.id', 'e.org_id')
    .select(['le.link_id', 'eo.name'])
    .where('le.link_id', 'in', linkIds)
    .orderBy('eo.name')
    .execute();
  const projects = await db
    .selectFrom('park_projects')
    .select(['chain_link_id as link_id', 'name'])
    .where('chain_link_id', 'in', linkIds)
    .orderBy('amount_yuan', 'desc')
    .orderBy('name')
    .execute();
  return { enterprises, projects: projects as { link_id: string; name: string }[] };
}

/** The supply edges touching the links (either end), with the ends' names, for the audit row of a deletion. */
async function edgesOf(db: Tx, linkIds: string[]) {
  if (!linkIds.length) return [];
  return db
    .selectFrom('park_chain_edges as e')
    .innerJoin('park_chain_links as f', 'f.id', 'e.from_link')
    .innerJoin('park_chain_links as t', 't.id', 'e.to_link')
    .select(['e.from_link as fromId', 'f.name as from', 'e.to_link as toId', 't.name as to', 'e.note'])
    .where((eb) => eb.or([eb('e.from_link', 'in', linkIds), eb('e.to_link', 'in', linkIds)]))
    .orderBy('f.name')
    .orderBy('t.name')
    .execute();
}

/**
 * Deletes a link. Refused (409, naming them) while an enterprise is on it or a project fills it — the officer moves
 * those first, nothing of the registry or the pipeline is lost by a click. Its supply edges go with it: they are
 * drawings between links, and the audit row keeps each one (ends and note).
 */
export async function deleteLink(db: DB, actor: Actor, linkId: string): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const link = await loadLink(trx, actor, linkId);
    const row = await trx
      .selectFrom('park_chain_links as l')
      .innerJoin('park_chains as c', 'c.id', 'l.chain_id')
      .select(['l.tier', 'l.position', 'c.name as chain'])
      .where('l.id', '=', linkId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const held = await holdings(trx, [linkId]);
    if (held.enterprises.length || held.projects.length)
      throw conflict(m('park.chain.link_in_use', { link: link.name, enterprises: names(held.enterprises.map((e) => e.name)), projects: names(held.projects.map((p) => p.name)) }));
    const edges = await edgesOf(trx, [linkId]);
    await trx
      .deleteFrom('park_chain_edges')
      .where((eb) => eb.or([eb('from_link', '=', linkId), eb('to_link', '=', linkId)]))
      .execute();
    await trx.deleteFrom('park_chain_links').where('id', '=', linkId).execute();
    await writeAudit(trx, actor, {
      action: 'park.chain.link_delete',
      entity: 'park_chain_link',
      entityId: linkId,
      orgId: link.org_id,
      before: { chain: row.chain, name: link.name, tier: row.tier, position: row.position, edges },
    });
  });
  return chainMap(db, actor);
}

/**
 * Deletes a chain with its links. Refused (409, naming the links) while any of its links holds an enterprise or is
 * filled by a project; otherwise the links and every supply edge touching them go with it, all kept in the audit row.
 */
export async function deleteChain(db: DB, actor: Actor, chainId: string): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const chain = await loadChain(trx, actor, chainId);
    await trx.selectFrom('park_chains').select('id').where('id', '=', chainId).forUpdate().execute();
    const links = await trx.selectFrom('park_chain_links').select(['id', 'name', 'tier', 'position']).where('chain_id', '=', chainId).orderBy('position').execute();
    const ids = links.map((l) => l.id);
    const held = await holdings(trx, ids);
    const busy = links.filter((l) => held.enterprises.some((e) => e.link_id === l.id) || held.projects.some((p) => p.link_id === l.id));
    if (busy.length) throw conflict(m('park.chain.in_use', { chain: chain.name, links: names(busy.map((l) => l.name)) }));
    const edges = await edgesOf(trx, ids);
    if (ids.length) {
      await trx
        .deleteFrom('park_chain_edges')
        .where((eb) => eb.or([eb('from_link', 'in', ids), eb('to_link', 'in', ids)]))
        .execute();
      await trx.deleteFrom('park_chain_links').where('chain_id', '=', chainId).execute();
    }
    await trx.deleteFrom('park_chains').where('id', '=', chainId).execute();
    await writeAudit(trx, actor, {
      action: 'park.chain.delete',
      entity: 'park_chain',
      entityId: chainId,
      orgId: chain.org_id,
      before: { code: chain.code, name: chain.name, links: links.map((l) => ({ id: l.id, name: l.name, tier: l.tier })), edges },
    });
  });
  return chainMap(db, actor);
}

/**
 * Orders a chain's links by hand: `linkIds` names every link of the chain once (400 on `linkIds` otherwise). The map
 * keeps upstream → midstream → downstream and orders the links within each tier by this list.
 */
export async function orderLinks(db: DB, actor: Actor, chainId: string, input: LinkOrder): Promise<ChainMap> {
  await db.transaction().execute(async (trx) => {
    const chain = await loadChain(trx, actor, chainId);
    const links = await trx.selectFrom('park_chain_links').select(['id', 'name', 'position']).where('chain_id', '=', chainId).orderBy('position').forUpdate().execute();
    const given = new Set(input.linkIds);
    if (given.size !== input.linkIds.length || given.size !== links.length || links.some((l) => !given.has(l.id))) refuse({ linkIds: m('park.chain.field_order_links') });
    const before = links.map((l) => l.name);
    const byId = new Map(links.map((l) => [l.id, l]));
    const after = input.linkIds.map((id) => byId.get(id)!.name);
    if (before.every((n, i) => n === after[i])) return;
    for (const [i, id] of input.linkIds.entries()) if (byId.get(id)!.position !== i) await trx.updateTable('park_chain_links').set({ position: i }).where('id', '=', id).execute();
    await writeAudit(trx, actor, {
      action: 'park.chain.link_reorder',
      entity: 'park_chain',
      entityId: chainId,
      orgId: chain.org_id,
      before: { links: before },
      after: { links: after },
    });
  });
  return chainMap(db, actor);
}
