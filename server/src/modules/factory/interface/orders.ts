import { type ActingUser, type FactoryOrdersInterface, type FactoryPart, type ProductionProgress, ProductionRequest } from '@gearbridge/contracts/factory/interface';
import type { Actor } from '../../../platform/authz';
import { invalid, notFound, zodIssueMessage } from '../../../platform/errors';
import type { DB } from '../db';
import { m } from '../messages';
import { actOnWorkOrder, createWorkOrder, progressOf, releaseDisplacing } from '../production/production.service';

/** The plant's products as parts another module may link an order line to. */
async function partsOf(db: DB, orgId: string): Promise<FactoryPart[]> {
  const rows = await db
    .selectFrom('factory_products as p')
    .leftJoin('factory_lines as l', 'l.id', 'p.line_id')
    .select(['p.id', 'p.part_no', 'p.revision', 'p.name_zh', 'p.name_en', 'l.code as line_code'])
    .where('p.org_id', '=', orgId)
    .orderBy('p.part_no')
    .orderBy('p.revision', 'desc')
    .execute();
  return rows.map((r) => ({ productId: r.id, partNo: r.part_no, revision: r.revision, nameZh: r.name_zh, nameEn: r.name_en, lineCode: r.line_code }));
}

async function progressByReference(db: DB, orgId: string, references: string[]): Promise<ProductionProgress[]> {
  if (!references.length) return [];
  const rows = await db
    .selectFrom('factory_work_orders as w')
    .innerJoin('factory_products as p', 'p.id', 'w.product_id')
    .innerJoin('factory_lines as l', 'l.id', 'w.line_id')
    .select(['w.id', 'w.external_ref', 'w.number', 'p.part_no', 'l.code as line_code', 'w.qty', 'w.due_date', 'w.status', 'w.released_at', 'w.closed_at'])
    .where('w.org_id', '=', orgId)
    .where('w.external_ref', 'in', references.slice(0, 500))
    .execute();
  const progress = await progressOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const p = progress.get(r.id);
    return {
      reference: r.external_ref!,
      workOrderId: r.id,
      number: r.number,
      partNo: r.part_no,
      lineCode: r.line_code,
      qty: r.qty,
      dueDate: r.due_date,
      status: r.status,
      releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      started: p?.started ?? 0,
      wip: p?.wip ?? 0,
      done: p?.done ?? 0,
      nok: p?.nok ?? 0,
      scrapped: p?.scrapped ?? 0,
      firstPassYield: p?.firstPassYield ?? null,
    };
  });
}

/**
 * A work order for another module's order line, through the factory's own `createWorkOrder` (its rules: factory.plan
 * in the plant's own organisation, a known part with a line, a due date not past). Idempotent by the reference: an
 * existing work order for it is answered as it is; two requests racing meet the unique index and the second answers
 * the first's.
 */
async function workOrderForOrder(db: DB, acting: ActingUser, request: ProductionRequest) {
  // The platform hands the module's caller its own Actor; the interface passes it through unchanged.
  const actor = acting as Actor;
  // The caller's request is checked against the published schema (a quantity past it is a 400, not the table's check).
  const checked = ProductionRequest.safeParse(request);
  if (!checked.success) {
    const fields = Object.fromEntries(
      checked.error.issues.map((i) => [String(i.path[0] ?? 'request'), zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>)]),
    );
    throw invalid(m('factory.production_request.invalid', { fields: Object.keys(fields).join(', ') }), fields);
  }
  request = checked.data;
  const existing = async () => (await progressByReference(db, request.orgId, [request.reference]))[0];
  const found = await existing();
  if (found) return { created: false, progress: found };
  const product = (await partsOf(db, request.orgId)).find((p) => p.partNo === request.partNo);
  if (!product) throw invalid(m('factory.product.unknown'), { partNo: m('factory.product.unknown_field') });
  const line = product.lineCode
    ? await db.selectFrom('factory_lines').select('id').where('org_id', '=', request.orgId).where('code', '=', product.lineCode).executeTakeFirst()
    : undefined;
  if (!line) throw invalid(m('factory.model.unknown_line'), { partNo: m('factory.model.unknown_line_field') });
  try {
    await createWorkOrder(
      db,
      actor,
      { productId: product.productId, lineId: line.id, qty: request.qty, dueDate: request.dueDate, note: request.note ?? null },
      { externalRef: request.reference, customer: request.customer ?? null },
    );
  } catch (e) {
    // A concurrent request for the same reference committed first: answer its work order.
    const raced = (e as { code?: string }).code === '23505' ? await existing() : undefined;
    if (raced) return { created: false, progress: raced };
    throw e;
  }
  return { created: true, progress: (await existing())! };
}

/**
 * Puts the reference's work order on its line by the factory's own release rule, as the caller; with `displace`, the
 * order the line runs goes back to planned first (the factory's own suspend step, audited) and returns to the line
 * when this one is done (its quantity made, or completed or cancelled). Released already: as it is.
 */
async function releaseForOrder(db: DB, acting: ActingUser, request: { orgId: string; reference: string; displace?: boolean }) {
  const actor = acting as Actor;
  const found = (await progressByReference(db, request.orgId, [request.reference]))[0];
  if (!found) throw notFound(m('factory.work_order.not_found'));
  if (found.status === 'released') return found;
  if (request.displace && found.status === 'planned') await releaseDisplacing(db, actor, found.workOrderId);
  else await actOnWorkOrder(db, actor, found.workOrderId, 'release');
  return (await progressByReference(db, request.orgId, [request.reference]))[0];
}

export const ordersInterface = (db: DB): FactoryOrdersInterface => ({
  partsOf: (orgId) => partsOf(db, orgId),
  workOrderForOrder: (actor, request) => workOrderForOrder(db, actor, request),
  releaseForOrder: (actor, request) => releaseForOrder(db, actor, request),
  progressByReference: (orgId, references) => progressByReference(db, orgId, references),
});
