import type { Transaction } from '../db';
import { SEED_CHAINS, SEED_EDGES } from './chains.data';

/** The demo's chains, links, enterprises on them, the edges and the projects filling links (chains.data.ts). */
export async function seedChains(trx: Transaction, parkOrg: string, enterprises: Map<string, string>) {
  const linkIds = new Map<string, string>();
  for (const [i, c] of SEED_CHAINS.entries()) {
    const { id: chainId } = await trx.insertInto('park_chains').values({ org_id: parkOrg, code: c.code, name: c.name, position: i }).returning('id').executeTakeFirstOrThrow();
    for (const [j, l] of c.links.entries()) {
      const { id } = await trx.insertInto('park_chain_links').values({ chain_id: chainId, name: l.name, tier: l.tier, position: j }).returning('id').executeTakeFirstOrThrow();
      linkIds.set(`${c.code}/${l.name}`, id);
      const on = l.enterprises.map((e) => enterprises.get(e)).filter((e): e is string => !!e);
      if (on.length)
        await trx
          .insertInto('park_chain_link_enterprises')
          .values(on.map((enterprise_id) => ({ link_id: id, enterprise_id })))
          .execute();
      if (l.projects.length) await trx.updateTable('park_projects').set({ chain_link_id: id }).where('org_id', '=', parkOrg).where('name', 'in', l.projects).execute();
    }
  }
  await trx
    .insertInto('park_chain_edges')
    .values(SEED_EDGES.map(([from, to, note]) => ({ from_link: linkIds.get(from.join('/'))!, to_link: linkIds.get(to.join('/'))!, note })))
    .execute();
  return { chains: SEED_CHAINS.length };
}
