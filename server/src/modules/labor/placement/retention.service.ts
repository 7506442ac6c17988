import type { RetentionQuery, RetentionReport } from '@gearbridge/contracts/labor';
import { scopeOf, type Actor } from '../../../platform/authz';
import { LP } from '../permissions';
import { referralVisibleSql } from './referrals.service';
import { addMonths, cohortOf, retention, retentionBy, type Milestone, type Outcome, type Placement } from './retention';
import { today } from '../workers/worker-input';
import type { DB } from '../db';

interface Loaded extends Placement {
  region: string;
  employerId: string;
}

/**
 * Retention rate (稳岗率) at one milestone per cohort (start month), home region or enterprise, over the placements
 * (referrals that reached "started") the user may see as referrals: its own workers', or those at its own
 * employers. Only counts leave the server. The formula is retention() in retention.ts (docs/retention.md).
 */
export async function retentionReport(db: DB, actor: Actor, f: RetentionQuery): Promise<RetentionReport> {
  const scope = scopeOf(actor, LP.read);
  let q = db
    .selectFrom('labor_referrals as r')
    .innerJoin('labor_workers as w', 'w.id', 'r.worker_id')
    .innerJoin('organisations as wo', 'wo.id', 'w.org_id')
    .innerJoin('labor_postings as p', 'p.id', 'r.posting_id')
    .innerJoin('organisations as po', 'po.id', 'p.org_id')
    .leftJoin('labor_followups as f', 'f.referral_id', 'r.id')
    .select(['r.id', 'r.started_on', 'w.home_region_code', 'p.org_id as employer_id', 'f.milestone', 'f.outcome'])
    .where('r.status', '=', 'started')
    .where('r.started_on', 'is not', null)
    .where(referralVisibleSql(scope));
  if (f.from) q = q.where('r.started_on', '>=', `${f.from}-01`);
  if (f.to) q = q.where('r.started_on', '<', addMonths(`${f.to}-01`, 1));
  const rows = await q.execute();

  const placements = new Map<string, Loaded>();
  for (const r of rows) {
    let p = placements.get(r.id);
    if (!p) placements.set(r.id, (p = { startedOn: r.started_on!, outcomes: {}, region: r.home_region_code.slice(0, f.regionDigits), employerId: r.employer_id }));
    if (r.milestone !== null) p.outcomes[r.milestone as Milestone] = r.outcome as Outcome | null;
  }
  const m = f.milestone as Milestone;
  const asOf = today();
  const keyOf = f.by === 'cohort' ? cohortOf : f.by === 'region' ? (p: Loaded) => p.region : (p: Loaded) => p.employerId;
  const groups = retentionBy(placements.values(), keyOf, m, asOf);
  const labels = await labelsOf(db, f.by, [...groups.keys()]);
  return {
    by: f.by,
    milestone: m,
    asOf,
    groups: [...groups.entries()].map(([key, figures]) => ({ key, label: labels.get(key) ?? key, ...figures })),
    total: retention(placements.values(), m, asOf),
  };
}

async function labelsOf(db: DB, by: RetentionQuery['by'], keys: string[]): Promise<Map<string, string>> {
  if (!keys.length || by === 'cohort') return new Map();
  if (by === 'region') {
    const rows = await db.selectFrom('regions').select(['code', 'full_name']).where('code', 'in', keys).execute();
    return new Map(rows.map((r) => [r.code, r.full_name]));
  }
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', keys).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
