import { sql } from 'kysely';
import type { Product, WorkOrder, WorkOrderInput, WorkOrderProgress, WorkOrderStatus } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { containing, likeEscaped, paged, rawQueryOf } from '../../../platform/db';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { resumeDisplaced } from './work-order-steps';

/** Products with their routings, characteristics and bills of material, of the organisations the actor may read. */
export async function listProducts(db: DB, actor: Actor): Promise<Product[]> {
  const products = await db
    .selectFrom('factory_products as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .leftJoin('factory_lines as l', 'l.id', 'p.line_id')
    .select(['p.id', 'p.org_id', 'p.part_no', 'p.revision', 'p.name_zh', 'p.name_en', 'p.gtin', 'p.line_id', 'l.code as line_code'])
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('p.part_no')
    .execute();
  if (!products.length) return [];
  const ids = products.map((p) => p.id);
  const [ops, chars, bom] = await Promise.all([
    db.selectFrom('factory_routing_ops').selectAll().where('product_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('factory_characteristics').selectAll().where('product_id', 'in', ids).orderBy('code').execute(),
    db
      .selectFrom('factory_bom_items as b')
      .innerJoin('factory_components as c', 'c.id', 'b.component_id')
      .select(['b.op_id', 'b.qty', 'c.id', 'c.code', 'c.part_no', 'c.name_zh', 'c.name_en'])
      .where('b.product_id', 'in', ids)
      .orderBy('c.code')
      .execute(),
  ]);
  return products.map((p) => ({
    id: p.id,
    orgId: p.org_id,
    partNo: p.part_no,
    revision: p.revision,
    nameZh: p.name_zh,
    nameEn: p.name_en,
    gtin: p.gtin,
    lineId: p.line_id,
    lineCode: p.line_code,
    ops: ops
      .filter((o) => o.product_id === p.id)
      .map((o) => ({
        id: o.id,
        op: o.op,
        seq: o.seq,
        nameZh: o.name_zh,
        nameEn: o.name_en,
        stationKind: o.station_kind,
        idealCycleS: o.ideal_cycle_s,
        marks: o.marks,
        characteristics: chars
          .filter((c) => c.op_id === o.id)
          .map((c) => ({
            id: c.id,
            code: c.code,
            nameZh: c.name_zh,
            nameEn: c.name_en,
            unit: c.unit,
            nominal: c.nominal,
            lsl: c.lsl,
            usl: c.usl,
            decimals: c.decimals,
            chart: c.chart,
            subgroupSize: c.subgroup_size,
            rules: c.rules,
            subgroupMinutes: c.subgroup_minutes,
            defectCodes: c.defect_codes,
          })),
        components: bom.filter((b) => b.op_id === o.id).map((b) => ({ componentId: b.id, code: b.code, partNo: b.part_no, nameZh: b.name_zh, nameEn: b.name_en, qty: b.qty })),
      })),
  }));
}

function workOrderQuery(db: DB) {
  return db
    .selectFrom('factory_work_orders as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .innerJoin('factory_products as p', 'p.id', 'w.product_id')
    .innerJoin('factory_lines as l', 'l.id', 'w.line_id')
    .select([
      'w.id',
      'w.org_id',
      'o.region_code',
      'w.number',
      'w.product_id',
      'p.part_no',
      'p.revision',
      'p.name_zh as product_name_zh',
      'p.name_en as product_name_en',
      'w.line_id',
      'l.code as line_code',
      'l.name_zh as line_name_zh',
      'l.name_en as line_name_en',
      'w.qty',
      'w.due_date',
      'w.status',
      'w.note',
      'w.released_at',
      'w.closed_at',
      'w.customer',
      'w.displaced_id',
    ]);
}
type WorkOrderRow = Awaited<ReturnType<ReturnType<typeof workOrderQuery>['executeTakeFirstOrThrow']>>;

/**
 * Units of each work order by status, and first-pass yield: of the units that finished (done) or failed (nok,
 * scrapped), those that passed every operation the first time — no NOK recorded at any operation.
 */
export async function progressOf(db: DB, ids: string[]): Promise<Map<string, WorkOrderProgress>> {
  const out = new Map<string, WorkOrderProgress>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('factory_units as u')
    .select([
      'u.work_order_id',
      (eb) => eb.fn.countAll<number>().as('started'),
      sql<number>`count(*) filter (where u.status = 'wip')`.as('wip'),
      sql<number>`count(*) filter (where u.status = 'done')`.as('done'),
      sql<number>`count(*) filter (where u.status = 'nok')`.as('nok'),
      sql<number>`count(*) filter (where u.status = 'scrapped')`.as('scrapped'),
      sql<number>`count(*) filter (where u.status = 'done' and not exists (select 1 from factory_unit_ops x where x.unit_id = u.id and x.result = 'NOK'))`.as('first_pass'),
    ])
    .where('u.work_order_id', 'in', ids)
    .groupBy('u.work_order_id')
    .execute();
  for (const r of rows) {
    const finished = Number(r.done) + Number(r.nok) + Number(r.scrapped);
    out.set(r.work_order_id!, {
      started: Number(r.started),
      wip: Number(r.wip),
      done: Number(r.done),
      nok: Number(r.nok),
      scrapped: Number(r.scrapped),
      firstPassYield: finished ? Number(r.first_pass) / finished : null,
    });
  }
  return out;
}

const NO_PROGRESS: WorkOrderProgress = { started: 0, wip: 0, done: 0, nok: 0, scrapped: 0, firstPassYield: null };
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toWorkOrder = (r: WorkOrderRow, p: WorkOrderProgress | undefined): WorkOrder => ({
  id: r.id,
  orgId: r.org_id,
  number: r.number,
  productId: r.product_id,
  partNo: r.part_no,
  revision: r.revision,
  productNameZh: r.product_name_zh,
  productNameEn: r.product_name_en,
  lineId: r.line_id,
  lineCode: r.line_code,
  lineNameZh: r.line_name_zh,
  lineNameEn: r.line_name_en,
  qty: r.qty,
  dueDate: r.due_date,
  status: r.status,
  note: r.note,
  releasedAt: iso(r.released_at),
  closedAt: iso(r.closed_at),
  customer: r.customer,
  progress: p ?? NO_PROGRESS,
});

export async function listWorkOrders(db: DB, actor: Actor, q: { page: number; pageSize: number; q?: string; status?: WorkOrderStatus; lineId?: string }) {
  let base = workOrderQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.status) base = base.where('w.status', '=', q.status);
  if (q.lineId) base = base.where('w.line_id', '=', q.lineId);
  if (q.q) {
    const like = containing(q.q);
    base = base.where((eb) => eb.or([eb('w.number', 'ilike', like), eb('p.part_no', 'ilike', like), eb('p.name_zh', 'ilike', like), eb('w.customer', 'ilike', like)]));
  }
  const { rows, total } = await paged(base, q, (b) =>
    b
      // Released first, then what is planned by due date, then the finished ones most recent first.
      .orderBy(sql`case w.status when 'released' then 0 when 'planned' then 1 when 'completed' then 2 else 3 end`)
      .orderBy(sql`case when w.status in ('released', 'planned') then w.due_date end`)
      .orderBy('w.created_at', 'desc')
      .orderBy('w.number'),
  );
  const progress = await progressOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toWorkOrder(r, progress.get(r.id))), total };
}

async function loadWorkOrder(db: DB, actor: Actor, id: string) {
  const r = await workOrderQuery(db).where('w.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('factory.work_order.not_found'));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export async function getWorkOrder(db: DB, actor: Actor, id: string): Promise<WorkOrder> {
  const r = await loadWorkOrder(db, actor, id);
  return toWorkOrder(r, (await progressOf(db, [id])).get(id));
}

/** The next WO-YYMMDD-NNN of the (China) day in the organisation. */
async function nextNumber(db: DB, orgId: string): Promise<string> {
  const prefix = `WO-${localDay().slice(2).replaceAll('-', '')}-`;
  const r = await db
    .selectFrom('factory_work_orders')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('org_id', '=', orgId)
    .where('number', 'like', `${likeEscaped(prefix)}%`)
    .executeTakeFirst();
  const n = r?.last ? Number(String(r.last).slice(prefix.length)) || 0 : 0;
  return `${prefix}${String(n + 1).padStart(3, '0')}`;
}

/**
 * Makes a planned work order (factory.plan in the plant's own organisation). `externalRef`: the order line of another
 * module it is made for (through the public interface, interface/orders.ts), unique per plant.
 */
export async function createWorkOrder(db: DB, actor: Actor, input: WorkOrderInput, opts: { externalRef?: string; customer?: string | null } = {}): Promise<WorkOrder> {
  const id = await db.transaction().execute(async (trx) => {
    const product = await trx.selectFrom('factory_products').select(['id', 'org_id']).where('id', '=', input.productId).executeTakeFirst();
    if (!product) throw invalid(m('factory.product.unknown'), { productId: m('factory.product.unknown_field') });
    requireOwnPlant(actor, FP.plan, product.org_id);
    const line = await trx.selectFrom('factory_lines').select(['id', 'org_id']).where('id', '=', input.lineId).executeTakeFirst();
    if (!line || line.org_id !== product.org_id) throw invalid(m('factory.model.unknown_line'), { lineId: m('factory.model.unknown_line_field') });
    if (input.dueDate < localDay()) throw invalid(m('factory.work_order.due_in_past'), { dueDate: m('factory.work_order.due_in_past') });
    const number = input.number ?? (await nextNumber(trx, product.org_id));
    const taken = await trx.selectFrom('factory_work_orders').select('id').where('org_id', '=', product.org_id).where('number', '=', number).executeTakeFirst();
    if (taken) throw conflict(m('factory.work_order.number_taken', { number }), { number: m('factory.work_order.number_taken', { number }) });
    const row = await trx
      .insertInto('factory_work_orders')
      .values({
        org_id: product.org_id,
        number,
        product_id: product.id,
        line_id: line.id,
        qty: input.qty,
        due_date: input.dueDate,
        note: input.note ?? null,
        created_by: actor.userId,
        external_ref: opts.externalRef ?? null,
        customer: opts.customer ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'factory.work_order.create',
      entity: 'work_order',
      entityId: row.id,
      orgId: product.org_id,
      after: {
        number,
        productId: product.id,
        lineId: line.id,
        qty: input.qty,
        dueDate: input.dueDate,
        ...(opts.externalRef ? { reference: opts.externalRef } : {}),
        ...(opts.customer ? { customer: opts.customer } : {}),
      },
    });
    return row.id;
  });
  return getWorkOrder(db, actor, id);
}

const NEXT: Record<'release' | 'suspend' | 'complete' | 'close' | 'cancel', { from: WorkOrderStatus[]; to: WorkOrderStatus }> = {
  release: { from: ['planned'], to: 'released' },
  // Suspended: back to planned, off its line, to make room for a rush order (its units so far stay its own; released again later).
  suspend: { from: ['released'], to: 'planned' },
  // Completed: the line stops taking new units into it; units still on the line finish into it.
  complete: { from: ['released'], to: 'completed' },
  close: { from: ['completed'], to: 'closed' },
  cancel: { from: ['planned', 'released'], to: 'cancelled' },
};

/**
 * Moves a work order on. Releasing puts it on its line (one released order per line: releasing a second is a 409
 * naming the first); closing freezes its figures (good, NOK) so its yield no longer moves. A rush order that leaves its
 * line for good (completed, cancelled) gives the line back to the order it displaced (work-order-steps.ts).
 */
export async function actOnWorkOrder(db: DB, actor: Actor, id: string, action: keyof typeof NEXT): Promise<WorkOrder> {
  await db.transaction().execute((trx) => stepWorkOrder(trx, actor, id, action));
  return getWorkOrder(db, actor, id);
}

/** One step of a work order inside the caller's transaction, by the rules of `actOnWorkOrder`, audited. */
async function stepWorkOrder(trx: DB, actor: Actor, id: string, action: keyof typeof NEXT, extra: Record<string, unknown> = {}) {
  const before = await loadWorkOrder(trx, actor, id);
  requireOwnPlant(actor, FP.plan, before.org_id);
  const step = NEXT[action];
  if (!step.from.includes(before.status)) throw conflict(m(`factory.work_order.cannot_${action}`, { number: before.number }));
  if (action === 'release') {
    const other = await trx.selectFrom('factory_work_orders').select('number').where('line_id', '=', before.line_id).where('status', '=', 'released').executeTakeFirst();
    if (other) throw conflict(m('factory.work_order.line_busy', { line: before.line_code, number: other.number }));
  }
  const now = new Date();
  const p = action === 'close' ? (await progressOf(trx, [id])).get(id) : undefined;
  await trx
    .updateTable('factory_work_orders')
    .set({
      status: step.to,
      ...(action === 'release' && { released_at: now }),
      ...((action === 'close' || action === 'cancel') && { closed_at: now }),
      ...(action === 'close' && { closed_good: p?.done ?? 0, closed_nok: (p?.nok ?? 0) + (p?.scrapped ?? 0) }),
    })
    .where('id', '=', id)
    .execute();
  await writeAudit(trx, actor, {
    action: `factory.work_order.${action}`,
    entity: 'work_order',
    entityId: id,
    orgId: before.org_id,
    before: { status: before.status },
    after: { status: step.to, ...(p && { good: p.done, nok: p.nok + p.scrapped }), ...extra },
  });
  if (before.status === 'released' && (action === 'complete' || action === 'cancel')) await resumeDisplaced(rawQueryOf(trx), actor, before);
  return before;
}

/**
 * Puts a planned order on its line at once (a rush order): the order the line runs goes back to planned (the suspend
 * step) and is kept as the one this displaced, so the line returns to it when this one is done. One transaction;
 * each step audited.
 */
export async function releaseDisplacing(db: DB, actor: Actor, id: string): Promise<WorkOrder> {
  await db.transaction().execute(async (trx) => {
    const mine = await loadWorkOrder(trx, actor, id);
    requireOwnPlant(actor, FP.plan, mine.org_id);
    const running = await trx
      .selectFrom('factory_work_orders')
      .select(['id', 'number'])
      .where('line_id', '=', mine.line_id)
      .where('status', '=', 'released')
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (running && running.id !== id) await stepWorkOrder(trx, actor, running.id, 'suspend');
    await stepWorkOrder(trx, actor, id, 'release', running && running.id !== id ? { displaced: running.number } : {});
    if (running && running.id !== id) await trx.updateTable('factory_work_orders').set({ displaced_id: running.id }).where('id', '=', id).execute();
  });
  return getWorkOrder(db, actor, id);
}
