/**
 * Grows a demo database (1,000 workers of 城口县, its postings, referrals and follow-ups) to `target` workers with
 * the project's own generator: synthetic rolls (workers/roll.ts) through the importer's checks (checkRoll) into
 * insertWorkers, 10,000 rows a transaction; then postings, referrals with their follow-ups, and shares to the partner
 * city in the demo's proportions (copies of the demo's own rows, pointed at the new workers).
 */
import { randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../server/src/platform/authz';
import { createFieldCipher } from '../../server/src/platform/pii';
import { openDatabase } from '../../server/src/platform/db';
import { checkRoll } from '../../server/src/modules/labor/workers/importer';
import { generateRoll } from '../../server/src/modules/labor/workers/roll';
import { insertWorkers } from '../../server/src/modules/labor/workers/insert-workers';
import type { Database } from '../../server/src/modules/labor/db';

const CHUNK = 10_000;

export interface Populated {
  workers: number;
  postings: number;
  referrals: number;
  followups: number;
  shares: number;
  /** A worker the caseworker owns, for the detail request; a town with workers in it, for the filtered list. */
  workerId: string;
  /** 50,000 of the workers in random order, for details that each ask for another worker. */
  sample: string[];
  town: string;
}

export async function populate(url: string, secret: string, target: number, say: (s: string) => void): Promise<Populated> {
  const { db, close } = await openDatabase<Database>({ databaseUrl: url, dataDir: '.' });
  const cipher = createFieldCipher(secret);
  try {
    const bureau = await db.selectFrom('organisations').select(['id']).where('name', '=', '城口县就业和人才服务局').executeTakeFirstOrThrow();
    const linyi = await db.selectFrom('organisations').select(['id']).where('name', '=', '临沂市人力资源和社会保障局').executeTakeFirstOrThrow();
    const cw = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'ck.caseworker').executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: cw.id,
      username: cw.username,
      displayName: cw.display_name,
      orgId: bureau.id,
      orgKind: 'government',
      platformAdmin: false,
      grants: [{ roleCode: 'labour_caseworker', permissions: new Set(['labor.manage']), regionCode: '500229' }],
      requestId: 'bench-api',
      ip: null,
    };
    const towns = (await db.selectFrom('regions').select('code').where('parent_code', '=', '500229').where('level', '=', 'town').orderBy('code').execute()).map((t) => t.code);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('labor_workers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const demoWorkers = await count();
    const started = performance.now();
    for (let seed = 1; ; seed++) {
      const have = await count();
      if (have >= target) break;
      // The generator numbers phones within a roll (4 digits): rolls of at most 10,000; a repeated ID number is
      // refused by the importer's check, as it would be in an upload.
      const roll = generateRoll({ count: Math.min(CHUNK, target - have), seed: 7_000_000 + seed, towns, county: '500229' });
      const checked = await checkRoll(
        roll.map((values, i) => ({ row: i + 2, values })),
        { db, cipher, actor },
      );
      await db.transaction().execute((trx) =>
        insertWorkers(
          trx,
          null,
          checked.valid.map((v) => v.data),
          'labor.worker.import',
          { auditEach: false },
        ),
      );
      say(`populate: ${have + checked.valid.length} workers (${checked.errors.length} rows refused by the importer's checks)`);
    }
    const workers = await count();
    const scale = Math.max(1, Math.round(workers / demoWorkers));
    say(`populate: ${workers} workers in ${((performance.now() - started) / 1000).toFixed(1)} s; postings, referrals and follow-ups ×${scale}`);

    // Postings: the demo's, copied (scale − 1) times under the same employers.
    const postings = await db.selectFrom('labor_postings').selectAll().execute();
    const postingCopies: (typeof postings)[number][] = [];
    for (let k = 1; k < scale; k++) for (const p of postings) postingCopies.push({ ...p, id: randomUUID(), title: `${p.title}（${k + 1}）` });
    for (let i = 0; i < postingCopies.length; i += 1000)
      await db
        .insertInto('labor_postings')
        .values(postingCopies.slice(i, i + 1000))
        .execute();

    // Referrals and their follow-ups: each copy of the demo's goes to a new worker and a copied posting.
    const referrals = await db.selectFrom('labor_referrals').selectAll().execute();
    const followups = await db.selectFrom('labor_followups').selectAll().execute();
    const fresh = (
      await db
        .selectFrom('labor_workers')
        .select('id')
        .where('status', '=', 'unemployed')
        .orderBy('created_at', 'desc')
        .limit(referrals.length * scale)
        .execute()
    ).map((w) => w.id);
    const byReferral = new Map<string, typeof followups>();
    for (const f of followups) byReferral.set(f.referral_id, [...(byReferral.get(f.referral_id) ?? []), f]);
    const newReferrals: (Omit<(typeof referrals)[number], 'note_ref'> & { note_ref: string | null })[] = [];
    const newFollowups: (typeof followups)[number][] = [];
    let w = 0;
    for (let k = 1; k < scale && w < fresh.length; k++) {
      for (const r of referrals) {
        if (w >= fresh.length) break;
        const postingId = postingCopies[(k - 1) * postings.length + postings.findIndex((p) => p.id === r.posting_id)]?.id ?? r.posting_id;
        const copy = { ...r, id: randomUUID(), worker_id: fresh[w++], posting_id: postingId };
        newReferrals.push({ ...copy, note_ref: r.note_ref && JSON.stringify(r.note_ref) });
        for (const f of byReferral.get(r.id) ?? []) newFollowups.push({ ...f, id: randomUUID(), referral_id: copy.id, worker_id: copy.worker_id });
      }
    }
    for (let i = 0; i < newReferrals.length; i += 1000)
      await db
        .insertInto('labor_referrals')
        .values(newReferrals.slice(i, i + 1000))
        .execute();
    for (let i = 0; i < newFollowups.length; i += 1000)
      await db
        .insertInto('labor_followups')
        .values(newFollowups.slice(i, i + 1000))
        .execute();

    // Shares: as the demo does, the needs of those looking for work in Linyi go to Linyi's bureau.
    const shared = await db
      .insertInto('labor_shares')
      .columns(['kind', 'worker_id', 'from_org_id', 'to_org_id', 'shared_by', 'note'])
      .expression(
        db
          .selectFrom('labor_workers as w')
          .select([
            sql<'worker'>`'worker'`.as('kind'),
            'w.id',
            sql<string>`${bureau.id}::uuid`.as('from_org_id'),
            sql<string>`${linyi.id}::uuid`.as('to_org_id'),
            sql<string>`${cw.id}::uuid`.as('shared_by'),
            sql<string>`'有意向赴临沂就业'`.as('note'),
          ])
          .where('w.org_id', '=', bureau.id)
          .where('w.status', 'in', ['unemployed', 'in_training'])
          .where(sql<SqlBool>`'371300' = any(w.wanted_regions)`)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('labor_shares as s').select('s.id').whereRef('s.worker_id', '=', 'w.id')))),
      )
      .executeTakeFirst();
    await sql`analyze`.execute(db);
    const one = await db
      .selectFrom('labor_workers')
      .select(['id', 'home_region_code'])
      .where('org_id', '=', bureau.id)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const shares = Number(
      (
        await db
          .selectFrom('labor_shares')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    say(
      `populate: ${postings.length + postingCopies.length} postings, ${referrals.length + newReferrals.length} referrals, ${followups.length + newFollowups.length} follow-ups, ${shares} shares (${Number(shared?.numInsertedOrUpdatedRows ?? 0n)} new)`,
    );
    return {
      workers,
      postings: postings.length + postingCopies.length,
      referrals: referrals.length + newReferrals.length,
      followups: followups.length + newFollowups.length,
      shares,
      workerId: one.id,
      sample: (await sql<{ id: string }>`select id from labor_workers order by random() limit 50000`.execute(db)).rows.map((r) => r.id),
      town: one.home_region_code.slice(0, 9),
    };
  } finally {
    await close();
  }
}
