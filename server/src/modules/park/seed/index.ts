import { yiToYuan, type ProjectStage } from '@gearbridge/contracts/park';
import { writeAudit } from '../../../platform/audit';
import { maskName, maskPhone } from '../../../platform/pii';
import type { ModuleContext } from '../db';
import { CTX } from '../enterprises/enterprises.service';
import { BATCHES, SEED_PROJECTS, type SeedProject } from './projects.data';
import { SEED_ENTERPRISES } from './enterprises.data';
import { seedRetrofits } from './retrofits';
import { seedSpace } from './space';
import { seedChains } from './chains';

const PARK_ADMIN = '綦江工业园区管委会';
const BATCH_COLUMN = { signing: 'signing_batch_id', groundbreaking: 'groundbreaking_batch_id', production: 'production_batch_id' } as const;

/** A day `days` before an ISO date. */
const before = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** The dates of each stage a seeded project passed: lead three months and negotiation six weeks before signing. */
function datesOf(p: SeedProject): { stage: ProjectStage; on: string }[] {
  if (!p.signedOn) {
    // Reserve: a lead since 2019-2020, in negotiation from a later day.
    const lead = `20${19 + (p.name.length % 2)}-${String(1 + (p.name.length % 12)).padStart(2, '0')}-15`;
    return p.stage === 'negotiating'
      ? [
          { stage: 'lead', on: lead },
          { stage: 'negotiating', on: before('2020-12-15', p.name.length * 3) },
        ]
      : [{ stage: 'lead', on: lead }];
  }
  const out: { stage: ProjectStage; on: string }[] = [
    { stage: 'lead', on: before(p.signedOn, 90) },
    { stage: 'negotiating', on: before(p.signedOn, 45) },
    { stage: 'signed', on: p.signedOn },
  ];
  if (p.constructionOn) out.push({ stage: 'construction', on: p.constructionOn });
  if (p.productionOn) out.push({ stage: 'production', on: p.productionOn });
  return out;
}

/**
 * The demo's park: the administration's investment projects (the article's 2019 from records, projects/data) with
 * their stage histories and ceremony batches, and the registry of the article's enterprises with yearly figures
 * and encrypted contacts. Runs once, on the empty database the demo starts from.
 */
export async function seedPark(ctx: ModuleContext) {
  const { db, cipher } = ctx;
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]));
  const parkOrg = orgs.get(PARK_ADMIN);
  if (!parkOrg) return;
  const officer = await db.selectFrom('users').select('id').where('username', '=', 'park.officer').executeTakeFirst();
  const by = officer?.id ?? null;
  await db.transaction().execute(async (trx) => {
    const batchIds = new Map<string, string>();
    for (const [key, kind, name, heldOn, place] of BATCHES) {
      const { id } = await trx.insertInto('park_batches').values({ org_id: parkOrg, kind, name, held_on: heldOn, place, created_by: by }).returning('id').executeTakeFirstOrThrow();
      batchIds.set(key, id);
    }
    for (const p of SEED_PROJECTS) {
      const steps = datesOf(p);
      const on = (s: ProjectStage) => steps.find((x) => x.stage === s)?.on ?? null;
      const batch = (key: string | undefined) => (key ? batchIds.get(key)! : null);
      const { id } = await trx
        .insertInto('park_projects')
        .values({
          org_id: parkOrg,
          name: p.name,
          investor: p.investor,
          investor_org_id: p.investorOrg ? (orgs.get(p.investorOrg) ?? null) : null,
          amount_yuan: yiToYuan(p.amount)!.toString(),
          category: p.category,
          reserve: p.reserve ?? false,
          stage: p.stage,
          lead_on: on('lead'),
          negotiating_on: on('negotiating'),
          signed_on: on('signed'),
          construction_on: on('construction'),
          production_on: on('production'),
          [BATCH_COLUMN.signing]: batch(p.signingBatch),
          [BATCH_COLUMN.groundbreaking]: batch(p.groundbreakingBatch),
          [BATCH_COLUMN.production]: batch(p.productionBatch),
          created_by: by,
          created_at: new Date(`${steps[0].on}T09:00:00+08:00`),
          updated_at: new Date(`${steps.at(-1)!.on}T09:00:00+08:00`),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('park_project_stages')
        .values(
          steps.map((s, i) => ({
            project_id: id,
            stage: s.stage,
            previous_stage: i ? steps[i - 1].stage : null,
            effective_on: s.on,
            reason: null,
            changed_by: by,
            changed_at: new Date(`${s.on}T09:00:00+08:00`),
          })),
        )
        .execute();
    }
    const enterpriseIds = new Map<string, string>();
    for (const e of SEED_ENTERPRISES) {
      const orgId = orgs.get(e.org);
      if (!orgId) continue;
      const { id } = await trx
        .insertInto('park_enterprises')
        .values({ org_id: orgId, industry_code: e.industryCode, scale: e.scale, products: e.products, zone: e.zone, building: e.building, note: null, created_by: by })
        .returning('id')
        .executeTakeFirstOrThrow();
      enterpriseIds.set(e.org, id);
      for (const [year, employees, output, tax] of e.years) {
        await trx.insertInto('park_enterprise_years').values({ enterprise_id: id, year, employees, output_value_yuan: output, tax_yuan: tax }).execute();
      }
      for (const [name, title, phone] of e.contacts) {
        await trx
          .insertInto('park_contacts')
          .values({
            enterprise_id: id,
            name_enc: cipher.encrypt(name, CTX.name),
            name_masked: maskName(name),
            title,
            phone_enc: cipher.encrypt(phone, CTX.phone),
            phone_masked: maskPhone(phone),
            created_by: by,
          })
          .execute();
      }
    }
    const retrofits = await seedRetrofits(trx, enterpriseIds, by);
    const space = await seedSpace(trx, parkOrg, enterpriseIds, by);
    const chains = await seedChains(trx, parkOrg, enterpriseIds);
    await writeAudit(trx, null, {
      action: 'park.demo_seed',
      entity: 'platform',
      orgId: null,
      after: { projects: SEED_PROJECTS.length, batches: BATCHES.length, enterprises: SEED_ENTERPRISES.length, ...retrofits, ...space, ...chains },
    });
  });
}
