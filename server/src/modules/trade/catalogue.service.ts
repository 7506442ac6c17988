import { sql, type SqlBool } from 'kysely';
import {
  ATTRIBUTES,
  formatYuan,
  lineAmounts,
  parseYuan,
  VERTICAL_UNIT,
  type Product,
  type ProductInput,
  type ProductPage,
  type ProductPatch,
  type Storefront,
  type Vertical,
} from '@gearbridge/contracts/trade';
import type { z } from 'zod';
import { can, requireInScope, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { containing } from '../../platform/db';
import { TP } from './permissions';
import { m } from './messages';
import { checkAttributes } from './attributes';
import type { DB } from './db';

type Query = z.output<typeof import('@gearbridge/contracts/trade').ProductQuery>;

const priceWithVat = (fen: string | null) => (fen === null ? null : formatYuan(lineAmounts({ unitFen: BigInt(fen), qtyMilli: 1000n }).gross));

function productQuery(db: DB, actor: Actor) {
  return db
    .selectFrom('trade_products as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .selectAll('p')
    .select('o.name as supplier_name')
    .select(sql<string>`p.unit_price_fen::text`.as('price_text'))
    .where(sql<SqlBool>`(p.status = 'active' or p.org_id = ${actor.orgId})`);
}
type Row = Awaited<ReturnType<ReturnType<typeof productQuery>['executeTakeFirstOrThrow']>>;

function toProduct(r: Row, actor: Actor): Product {
  return {
    id: r.id,
    orgId: r.org_id,
    supplierName: r.supplier_name,
    vertical: r.vertical,
    name: r.name,
    partNumber: r.part_number,
    description: r.description,
    attributes: r.attributes,
    unit: r.unit,
    unitPrice: r.price_text === null ? null : formatYuan(BigInt(r.price_text)),
    unitPriceWithVat: priceWithVat(r.price_text),
    status: r.status,
    own: r.org_id === actor.orgId,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** "key:value" filters grouped by key; keys must be attributes of the vertical. */
function attrFilters(vertical: Vertical | undefined, attr: string[] | undefined): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  if (!attr?.length) return byKey;
  if (!vertical) throw invalid(m('trade.field.attr_filter'), { vertical: m('trade.field.attr_filter') });
  const keys = new Set(ATTRIBUTES[vertical].map((d) => d.key));
  for (const f of attr) {
    const at = f.indexOf(':');
    const key = f.slice(0, at);
    if (!keys.has(key)) throw invalid(m('trade.field.unknown_attribute', { key }), { attr: m('trade.field.unknown_attribute', { key }) });
    byKey.set(key, [...(byKey.get(key) ?? []), f.slice(at + 1)]);
  }
  return byKey;
}

function filtered(db: DB, actor: Actor, q: Query, attrs: Map<string, string[]>, except?: string) {
  let s = productQuery(db, actor);
  if (q.vertical) s = s.where('p.vertical', '=', q.vertical);
  if (q.supplier) s = s.where('p.org_id', '=', q.supplier);
  if (q.status === 'inactive') s = s.where('p.status', '=', 'inactive');
  if (q.status === 'active') s = s.where('p.status', '=', 'active');
  if (q.q) {
    const t = containing(q.q);
    s = s.where((eb) => eb.or([eb('p.name', 'ilike', t), eb('p.part_number', 'ilike', t), eb('o.name', 'ilike', t), eb('p.description', 'ilike', t)]));
  }
  for (const [key, values] of attrs) {
    if (key === except) continue;
    s = s.where(sql<SqlBool>`(p.attributes ->> ${key}) in (${sql.join(values)})`);
  }
  return s;
}

/**
 * The catalogue (trade.read): every supplier's active products, and the own organisation's inactive ones. Facets
 * count, in the database, the products having each value of each attribute of the vertical under every filter but
 * that attribute's own (so choosing one value still shows its alternatives).
 */
export async function listProducts(db: DB, actor: Actor, q: Query): Promise<ProductPage> {
  scopeOf(actor, TP.read);
  const attrs = attrFilters(q.vertical, q.attr);
  const base = filtered(db, actor, q, attrs);
  const [{ total }, rows] = await Promise.all([
    base.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    base
      .orderBy('p.vertical')
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  const facets: ProductPage['facets'] = [];
  if (q.vertical) {
    const counts = async (except?: string) =>
      db
        .selectFrom(filtered(db, actor, q, attrs, except).clearSelect().select('p.attributes').as('f'))
        .innerJoin(sql<{ key: string; value: string }>`jsonb_each_text(f.attributes)`.as('e'), (j) => j.onTrue())
        .select(['e.key', 'e.value', sql<number>`count(*)::int`.as('count')])
        .groupBy(['e.key', 'e.value'])
        .execute();
    const all = await counts();
    for (const def of ATTRIBUTES[q.vertical]) {
      const src = attrs.has(def.key) ? await counts(def.key) : all;
      const values = src
        .filter((c) => c.key === def.key)
        .map((c) => ({ value: c.value, count: c.count }))
        .sort((a, b) => (def.kind === 'number' ? Number(a.value) - Number(b.value) : 0) || b.count - a.count || a.value.localeCompare(b.value));
      facets.push({ key: def.key, values });
    }
  } else {
    const byVertical = await filtered(db, actor, q, attrs)
      .clearSelect()
      .select(['p.vertical', sql<number>`count(*)::int`.as('count')])
      .groupBy('p.vertical')
      .execute();
    facets.push({ key: 'vertical', values: byVertical.map((v) => ({ value: v.vertical, count: v.count })) });
  }
  return { items: rows.map((r) => toProduct(r, actor)), total, page: q.page, pageSize: q.pageSize, facets };
}

export async function getProduct(db: DB, actor: Actor, id: string): Promise<Product> {
  scopeOf(actor, TP.read);
  const r = await productQuery(db, actor).where('p.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('trade.product.not_found'));
  return toProduct(r, actor);
}

function checkedAttributes(vertical: Vertical, values: unknown) {
  const r = checkAttributes(vertical, values, false);
  if (!r.ok) throw invalid(m('trade.product.invalid_attributes', { fields: Object.keys(r.errors).join(', ') }), r.errors);
  return r.value;
}

/** A supplier lists a product for its own organisation (trade.sell); attributes validated by the vertical's schema. */
export async function createProduct(db: DB, actor: Actor, input: ProductInput): Promise<Product> {
  if (!can(actor, TP.sell)) throw forbidden();
  const attributes = checkedAttributes(input.vertical, input.attributes);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('trade_products')
      .values({
        org_id: actor.orgId,
        vertical: input.vertical,
        name: input.name,
        part_number: input.partNumber ?? null,
        description: input.description ?? null,
        attributes: JSON.stringify(attributes),
        unit: VERTICAL_UNIT[input.vertical],
        unit_price_fen: input.unitPrice ? String(parseYuan(input.unitPrice)) : null,
        created_by: actor.userId,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'trade.product.create', entity: 'trade_product', entityId: id, orgId: actor.orgId, after: { ...input, attributes } });
    return id;
  });
  return getProduct(db, actor, id);
}

/** Only the listing organisation (or an administrator over it) changes a product (trade.sell). */
export async function updateProduct(db: DB, actor: Actor, id: string, patch: ProductPatch): Promise<Product> {
  if (!can(actor, TP.sell)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('trade_products as p')
      .innerJoin('organisations as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.org_id', 'p.vertical', 'p.name', 'p.status', 'p.attributes', 'o.region_code'])
      .select(sql<string | null>`p.unit_price_fen::text`.as('price'))
      .where('p.id', '=', id)
      .forUpdate('p')
      .executeTakeFirst();
    if (!row || (row.status === 'inactive' && row.org_id !== actor.orgId && !actor.platformAdmin)) throw notFound(m('trade.product.not_found'));
    if (row.org_id !== actor.orgId && !actor.platformAdmin) throw forbidden(m('trade.product.not_own'));
    requireInScope(actor, TP.sell, { id: row.org_id, regionCode: row.region_code });
    const attributes = patch.attributes ? checkedAttributes(row.vertical, patch.attributes) : undefined;
    await trx
      .updateTable('trade_products')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.partNumber !== undefined ? { part_number: patch.partNumber } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(attributes ? { attributes: JSON.stringify(attributes) } : {}),
        ...(patch.unitPrice !== undefined ? { unit_price_fen: patch.unitPrice === null ? null : String(parseYuan(patch.unitPrice)) } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'trade.product.update',
      entity: 'trade_product',
      entityId: id,
      orgId: row.org_id,
      before: { name: row.name, status: row.status, attributes: row.attributes, unitPrice: row.price === null ? null : formatYuan(BigInt(row.price)) },
      after: { ...patch, ...(attributes ? { attributes } : {}) },
    });
  });
  return getProduct(db, actor, id);
}

/** Supplier storefronts: the organisations with active products, what they sell by vertical (trade.read). */
export async function listStorefronts(db: DB, actor: Actor, orgId?: string): Promise<Storefront[]> {
  scopeOf(actor, TP.read);
  let q = db
    .selectFrom('trade_products as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .leftJoin('regions as g', 'g.code', 'o.region_code')
    .select(['o.id', 'o.name', 'g.full_name', 'p.vertical', sql<number>`count(*)::int`.as('count')])
    .where('p.status', '=', 'active')
    .groupBy(['o.id', 'o.name', 'g.full_name', 'p.vertical'])
    .orderBy('o.name')
    .orderBy('p.vertical');
  if (orgId) q = q.where('o.id', '=', orgId);
  const rows = await q.execute();
  const byOrg = new Map<string, Storefront>();
  for (const r of rows) {
    const s = byOrg.get(r.id) ?? { orgId: r.id, name: r.name, regionName: r.full_name, products: [] };
    s.products.push({ vertical: r.vertical, count: r.count });
    byOrg.set(r.id, s);
  }
  return [...byOrg.values()];
}

export async function getStorefront(db: DB, actor: Actor, orgId: string): Promise<Storefront> {
  const [s] = await listStorefronts(db, actor, orgId);
  if (!s) throw notFound(m('trade.supplier.not_found'));
  return s;
}
