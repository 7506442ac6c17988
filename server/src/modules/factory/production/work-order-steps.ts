import type { Actor } from '../../../platform/authz';
import { writeAuditRaw } from '../../../platform/audit';
import type { RawQuery } from '../../../platform/db';

/**
 * The work-order steps the plant takes without a planner's click, in raw SQL so the unit reports (the ingest's batch,
 * the station page's request) run them in their own transaction: a work order whose good units reach its quantity is
 * completed, and a rush order that is done gives its line back to the order it displaced.
 */

interface Filled {
  id: string;
  org_id: string;
  number: string;
  qty: number;
  line_id: string;
  displaced_id: string | null;
}

/**
 * Completes the released work order once its good (done) units reach its quantity — the line stops taking new units
 * into it; units still on the line finish into it — audited as the system's step, and the line goes back to the order
 * it displaced. The row lock orders two reports finishing its last units at once: the later one counts both.
 */
export async function completeWhenFilled(q: RawQuery, workOrderId: string): Promise<boolean> {
  const [wo] = await q<Filled>(`select id, org_id, number, qty, line_id, displaced_id from factory_work_orders where id = $1 and status = 'released' for no key update`, [
    workOrderId,
  ]);
  if (!wo) return false;
  const [{ done }] = await q<{ done: number }>(`select count(*)::int as done from factory_units where work_order_id = $1 and status = 'done'`, [wo.id]);
  if (Number(done) < wo.qty) return false;
  await q(`update factory_work_orders set status = 'completed' where id = $1`, [wo.id]);
  await writeAuditRaw(q, null, {
    action: 'factory.work_order.complete',
    entity: 'work_order',
    entityId: wo.id,
    orgId: wo.org_id,
    before: { status: 'released' },
    after: { status: 'completed', good: Number(done), qty: wo.qty, reason: 'quantity_reached' },
  });
  await resumeDisplaced(q, null, wo);
  return true;
}

/**
 * A rush order left its line (completed or cancelled): the order it displaced goes back on the line by the release
 * rule — if it is still planned, on that line, and the line runs nothing else (a planner may have moved on since) —
 * audited as a release naming the order it follows. In a savepoint: a release racing it on the line (the one-released-
 * per-line index) leaves the line to that one and the caller's transaction goes on.
 */
export async function resumeDisplaced(q: RawQuery, actor: Actor | null, rush: { number: string; line_id: string; displaced_id: string | null }): Promise<string | null> {
  if (!rush.displaced_id) return null;
  await q('savepoint work_order_resume');
  try {
    const [back] = await q<{ id: string; org_id: string; number: string }>(
      `update factory_work_orders set status = 'released', released_at = now()
        where id = $1 and status = 'planned' and line_id = $2
          and not exists (select 1 from factory_work_orders where line_id = $2 and status = 'released')
        returning id, org_id, number`,
      [rush.displaced_id, rush.line_id],
    );
    if (back)
      await writeAuditRaw(q, actor, {
        action: 'factory.work_order.release',
        entity: 'work_order',
        entityId: back.id,
        orgId: back.org_id,
        before: { status: 'planned' },
        after: { status: 'released', resumedAfter: rush.number },
      });
    await q('release savepoint work_order_resume');
    return back?.number ?? null;
  } catch (err) {
    await q('rollback to savepoint work_order_resume');
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
}
