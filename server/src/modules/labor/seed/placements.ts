import type { Transaction } from 'kysely';
import type { Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { LP } from '../permissions';
import { addDays, addMonths, followUpSchedule, type Outcome } from '../placement/retention';
import { rng } from '../workers/roll';
import { seedProgrammes } from './programmes';
import { today } from '../workers/worker-input';
import type { Database, ModuleContext } from '../db';
import { refJson, storedText, type StoredText } from '../texts';

const stored = (t: StoredText) => ({ reason: t.text, reason_ref: refJson(t) });

/**
 * Demo data of the labour module's second part, after the roll, postings and shares (index.ts): 64 placements over
 * the last 14 months with their follow-ups (so retention by cohort shows real figures, and the due list has work),
 * three anti-relapse alerts, then training, workshops and public-welfare posts (programmes.ts). The workers
 * involved come from the roll's unemployed; their first history row is dated 16 months back so that everything
 * after it stays in order.
 */
const SEED = 20_261_129;
const PLACEMENTS = 64;
/** Closed postings of the past year's recruitment that the placements filled. */
const CAMPAIGN: [employer: string, region: string, title: string, occupation: string, wageMin: number, wageMax: number][] = [
  ['临沂沂州精工机械有限公司', '371302', '数控车工', '6-18-01-01', 4500, 6500],
  ['临沂沂通物流有限公司', '371311', '分拣装卸工', '4-02-05-01', 4500, 6000],
  ['临沂华岳建设工程有限公司', '371371', '砌筑工', '6-29-01-01', 6000, 9000],
  ['平邑蒙阳家政服务有限公司', '371326', '养老护理员', '4-10-01-05', 4500, 6500],
  ['綦江齿轮传动有限公司', '500110', '车工', '6-18-01-01', 5000, 7000],
  ['余扬汽配', '500110', '汽车零部件装调工', '6-22-02-01', 4500, 6000],
];
/**
 * How many of a year's starts fall in each calendar month (January first): rural workers leave for work after the
 * Spring Festival — the 春风行动 fairs of February and March are the year's peak — and a smaller wave after the
 * autumn harvest; few start around the New Year.
 */
const MONTH_WEIGHT = [2, 9, 12, 5, 3, 3, 4, 3, 5, 4, 3, 2];
/** The fair or service a referral came from, by the month of its start: each campaign in its season. */
const SOURCE_BY_MONTH = [
  '就业援助月专场招聘会',
  '春风行动专场招聘会',
  '春风行动专场招聘会',
  '东西部劳务协作专场招聘会',
  '东西部劳务协作专场招聘会',
  '民营企业招聘月',
  '夏季劳务输出对接会',
  '夏季劳务输出对接会',
  '金秋招聘月',
  '金秋招聘月',
  '东西部劳务协作专场招聘会',
  '就业援助月专场招聘会',
];
const FINE = ['工资按时发放，住宿条件较好', '希望春节前后能请假回家', '夜班较多，身体能适应', '想学叉车，申请参加培训', '已转为正式员工'];
const LOST = ['工厂订单减少，合同到期未续签', '家中老人生病，返乡照顾', '身体原因辞职，正在休养'];
const CLOSE_NOTE = '已推荐至平邑蒙阳家政服务有限公司，本人同意参加养老护理培训';

const at = (day: string) => new Date(`${day}T02:00:00Z`);

export interface SeedEnv {
  actor: Actor;
  bureauId: string;
  caseworkerId: string;
  /** Unemployed, able workers of the roll, in a fixed order. */
  pool: { id: string; registered_poor: boolean; monitoring_category: string | null; home_region_code: string }[];
}

export async function seedSupport(ctx: ModuleContext): Promise<void> {
  const { db } = ctx;
  const bureau = await db.selectFrom('organisations').select(['id']).where('name', '=', '城口县就业和人才服务局').executeTakeFirst();
  const cw = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', 'ck.caseworker').executeTakeFirst();
  if (!bureau || !cw) return;
  const actor: Actor = {
    userId: cw.id,
    username: cw.username,
    displayName: cw.display_name,
    orgId: bureau.id,
    orgKind: 'government',
    platformAdmin: false,
    grants: [{ roleCode: 'labour_caseworker', permissions: new Set([LP.read, LP.manage]), regionCode: '500229' }],
    requestId: 'demo-seed',
    ip: null,
  };
  const pool = await db
    .selectFrom('labor_workers')
    .select(['id', 'registered_poor', 'monitoring_category', 'home_region_code'])
    .where('org_id', '=', bureau.id)
    .where('status', '=', 'unemployed')
    .where('work_ability', '=', 'full')
    .orderBy('birth_date')
    .orderBy('name_masked')
    .orderBy('id')
    .execute();
  const env: SeedEnv = { actor, bureauId: bureau.id, caseworkerId: cw.id, pool };
  // Everything the demo does to these workers happens after their (back-dated) registration.
  const touched = pool.slice(0, PLACEMENTS + 60).map((w) => w.id);
  const registered = addMonths(today(), -16);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('labor_worker_status_history').set({ effective_on: registered }).where('worker_id', 'in', touched).execute();
    await trx.updateTable('labor_workers').set({ status_since: registered }).where('id', 'in', touched).execute();
    const counts = await seedPlacements(trx, env);
    await writeAudit(trx, null, { action: 'labor.demo_seed', entity: 'platform', orgId: null, after: { part: 'placements', ...counts } });
  });
  await seedProgrammes(ctx, { ...env, pool: pool.slice(PLACEMENTS) });
}

async function seedPlacements(trx: Transaction<Database>, env: SeedEnv) {
  const r = rng(SEED);
  const day = today();
  const workers = env.pool.slice(0, PLACEMENTS);
  const employers = new Map(
    (
      await trx
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where(
          'name',
          'in',
          CAMPAIGN.map((c) => c[0]),
        )
        .execute()
    ).map((o) => [o.name, o.id]),
  );
  // Starts over the last 14 months (the latest a month ago), as many in a month as its weight says.
  const months = Array.from({ length: 14 }, (_, k) => addMonths(day, -(1 + k)).slice(0, 7));
  const weights = months.map((m) => MONTH_WEIGHT[Number(m.slice(5, 7)) - 1]);
  const sum = weights.reduce((a, b) => a + b, 0);
  const pickMonth = () => {
    let x = r.next() * sum;
    for (const [k, wt] of weights.entries()) if ((x -= wt) < 0) return months[k];
    return months[months.length - 1];
  };
  const plan = workers.map((w, i) => ({ w, posting: i % CAMPAIGN.length, start: `${pickMonth()}-${String(r.int(1, 28)).padStart(2, '0')}` }));
  const postingIds: string[] = [];
  for (const [k, [employer, region, title, occupation, wageMin, wageMax]] of CAMPAIGN.entries()) {
    const headcount = plan.filter((p) => p.posting === k).length;
    const orgId = employers.get(employer);
    if (!orgId) throw new Error(`demo seed: employer ${employer} missing`);
    const { id } = await trx
      .insertInto('labor_postings')
      .values({
        org_id: orgId,
        posted_by_org_id: orgId,
        title,
        occupation_code: occupation,
        headcount,
        open_headcount: 0,
        wage_min: wageMin,
        wage_max: wageMax,
        work_region_code: region,
        required_certificates: [],
        housing: true,
        meals: true,
        valid_from: addMonths(day, -15),
        valid_to: addDays(day, -20),
        status: 'closed',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    postingIds.push(id);
  }
  let forced = 0;
  let followUps = 0;
  const alerts: { workerId: string; followUpId: string; on: string; reason: StoredText }[] = [];
  for (const { w, posting, start } of plan) {
    const [employer, region, title, , wageMin, wageMax] = CAMPAIGN[posting];
    const schedule = followUpSchedule(start);
    const due = schedule.filter((s) => s.dueOn <= day);
    const poor = w.registered_poor || w.monitoring_category !== null;
    // Three registered-poor or monitored workers lose their job after the first month; no other poor worker does.
    let leaveAfter = 99;
    let lostOutcome: Outcome = 'not_employed';
    if (poor && forced < 3 && due.length >= 2) [leaveAfter, forced] = [1, forced + 1];
    else if (!poor && r.next() < 0.3) [leaveAfter, lostOutcome] = [r.pick([1, 3, 6]), r.next() < 0.6 ? 'not_employed' : 'other_employer'];
    const forcedLoss = leaveAfter === 1 && poor;
    const { id: referralId } = await trx
      .insertInto('labor_referrals')
      .values({
        worker_id: w.id,
        posting_id: postingIds[posting],
        status: 'started',
        note: SOURCE_BY_MONTH[Number(start.slice(5, 7)) - 1],
        created_by: env.caseworkerId,
        updated_by: env.caseworkerId,
        recommended_at: at(addDays(start, -21)),
        contacted_at: at(addDays(start, -18)),
        interviewed_at: at(addDays(start, -12)),
        hired_at: at(addDays(start, -5)),
        started_on: start,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const employed = region.slice(0, 2) === w.home_region_code.slice(0, 2) ? 'employed_local' : 'employed_out_of_province';
    await trx
      .insertInto('labor_worker_status_history')
      .values({
        worker_id: w.id,
        status: employed,
        previous_status: 'unemployed',
        effective_on: start,
        ...stored(storedText('labor.text.started_at', { employer, title })),
        changed_by: env.caseworkerId,
      })
      .execute();
    let status: 'unemployed' | typeof employed = employed;
    let since = start;
    for (const s of schedule) {
      const isDue = s.dueOn <= day;
      const recent = s.dueOn > addDays(day, -20);
      // A caseworker keeps up: every visit due more than two months ago is recorded, most of the later ones, half of
      // those that fell due in the last 20 days — the due list holds this month's work and a few stragglers of the
      // last weeks, not a year of backlog.
      const longDue = s.dueOn <= addDays(day, -60);
      const recorded = isDue && (forcedLoss || longDue || r.next() < (recent ? 0.5 : 0.85));
      const outcome: Outcome = s.milestone <= leaveAfter ? 'same_employer' : lostOutcome;
      const on = recorded ? [addDays(s.dueOn, r.int(0, 12)), day].sort()[0] : null;
      const { id } = await trx
        .insertInto('labor_followups')
        .values({
          referral_id: referralId,
          worker_id: w.id,
          milestone: s.milestone,
          due_on: s.dueOn,
          ...(recorded && {
            outcome,
            contacted_on: on,
            contact_method: r.pick(['phone', 'visit', 'wechat'] as const),
            recorded_by: env.caseworkerId,
            recorded_at: at(on!),
            monthly_wage: outcome === 'not_employed' ? null : outcome === 'same_employer' ? r.int(wageMin / 100, wageMax / 100) * 100 : r.int(40, 70) * 100,
            problems: outcome === 'not_employed' ? r.pick(LOST) : r.next() < 0.3 ? r.pick(FINE) : null,
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      followUps++;
      if (recorded && outcome === 'not_employed' && status !== 'unemployed') {
        await trx
          .insertInto('labor_worker_status_history')
          .values({
            worker_id: w.id,
            status: 'unemployed',
            previous_status: status,
            effective_on: on!,
            ...stored(storedText('labor.text.followup_unemployed', { milestone: s.milestone })),
            changed_by: env.caseworkerId,
          })
          .execute();
        [status, since] = ['unemployed', on!];
        if (poor)
          alerts.push({
            workerId: w.id,
            followUpId: id,
            on: on!,
            reason: storedText('labor.text.followup_unemployed_with', { milestone: s.milestone, problems: LOST[alerts.length % LOST.length] }),
          });
      }
    }
    await trx.updateTable('labor_workers').set({ status, status_since: since }).where('id', '=', w.id).execute();
  }
  // One alert open, one acknowledged, one closed with what the caseworker did.
  for (const [i, a] of alerts.entries()) {
    const state = (['open', 'acknowledged', 'closed'] as const)[i % 3];
    const after = (days: number) => at([addDays(a.on, days), day].sort()[0]);
    await trx
      .insertInto('labor_relapse_alerts')
      .values({
        worker_id: a.workerId,
        trigger: 'followup',
        followup_id: a.followUpId,
        reason: a.reason.text,
        reason_ref: refJson(a.reason),
        status: state,
        raised_at: at(a.on),
        ...(state !== 'open' && { acknowledged_by: env.caseworkerId, acknowledged_at: after(1) }),
        ...(state === 'closed' && { closed_by: env.caseworkerId, closed_at: after(20), close_note: CLOSE_NOTE }),
      })
      .execute();
  }
  return { placements: plan.length, followUps, alerts: alerts.length };
}
