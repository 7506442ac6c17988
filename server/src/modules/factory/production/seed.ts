import { COMPONENTS, DEFECT_CODES, PLANT, PRODUCTS, ROUTING, TOOL_COPIES, toolCode } from '@gearbridge/plant';
import { sql, type Transaction } from 'kysely';
import { localDay } from '../../../platform/time';
import type { Database } from '../db';
import { DEFAULT_SHIFTS } from '../oee/calendar';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo plant's products (one housing per line), their routing OP10–OP80 with characteristics and bills of
 * material, the components and defect codes (plant/src/production.ts), and per line a released work order — the
 * one the simulator's units are born into — and the next one planned.
 */
export async function seedProduction(trx: Transaction<Database>, orgId: string, lines: Map<string, string>): Promise<void> {
  await trx
    .insertInto('factory_defect_codes')
    .values(DEFECT_CODES.map((d) => ({ org_id: orgId, code: d.code, name_zh: d.nameZh, name_en: d.nameEn })))
    .execute();
  const components = new Map<string, string>();
  for (const c of COMPONENTS) {
    const r = await trx
      .insertInto('factory_components')
      .values({ org_id: orgId, code: c.code, part_no: c.partNo, name_zh: c.nameZh, name_en: c.nameEn, supplier: c.supplier })
      .returning('id')
      .executeTakeFirstOrThrow();
    components.set(c.code, r.id);
  }
  // Every machining station's tools: TOOL_COPIES of each slot, the ones the simulator puts in turn into the slot.
  const tools = PLANT.flatMap((line) =>
    line.devices.flatMap((d) => {
      const op = ROUTING.find((o) => o.op === d.cell && o.kind === d.kind);
      return (op?.tools ?? []).flatMap((t) =>
        Array.from({ length: TOOL_COPIES }, (_, k) => ({
          org_id: orgId,
          code: toolCode(d.code, t.slot, k + 1),
          kind: t.kind,
          description: `${t.nameZh}（${d.nameZh}）`,
          life_limit: t.lifeUses,
        })),
      );
    }),
  );
  if (tools.length) await trx.insertInto('factory_tools').values(tools).execute();
  const today = localDay();
  // A crew on every line and shift of the plant, set a month back (before any history the demo replays,
  // SIMULATE_HISTORY_H) and carried forward from then on (crews.service): the plant's operators one after the other, the demo's operator (gear.operator) first — line
  // 1's early shift, so units its stations report are theirs.
  const operators = await sql<{ id: string }>`
    select u.id from users u
     where u.org_id = ${orgId} and u.status = 'active'
       and exists (select 1 from user_roles ur join roles r on r.id = ur.role_id where ur.user_id = u.id and r.code = 'operator' and r.org_id is null)
     order by u.username <> 'gear.operator', u.username`.execute(trx);
  const slots = PLANT.flatMap((line) => DEFAULT_SHIFTS.map((s) => ({ lineId: lines.get(line.code), shift: s.code }))).filter((x) => x.lineId !== undefined);
  if (operators.rows.length && slots.length) {
    const day = addDays(today, -30);
    await trx
      .insertInto('factory_shift_crew_days')
      .values(slots.map((x) => ({ org_id: orgId, line_id: x.lineId!, shift_code: x.shift, day })))
      .execute();
    await trx
      .insertInto('factory_shift_crews')
      .values(slots.map((x, i) => ({ org_id: orgId, line_id: x.lineId!, day, shift_code: x.shift, user_id: operators.rows[i % operators.rows.length].id })))
      .execute();
  }
  let n = 0;
  for (const p of PRODUCTS) {
    const lineId = lines.get(p.line)!;
    const product = await trx
      .insertInto('factory_products')
      .values({ org_id: orgId, part_no: p.partNo, revision: p.revision, name_zh: p.nameZh, name_en: p.nameEn, gtin: p.gtin, line_id: lineId })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, o] of ROUTING.entries()) {
      const op = await trx
        .insertInto('factory_routing_ops')
        .values({
          product_id: product.id,
          op: o.op,
          seq: (i + 1) * 10,
          name_zh: o.nameZh,
          name_en: o.nameEn,
          station_kind: o.kind,
          ideal_cycle_s: o.idealCycleS,
          marks: !!o.marks,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (o.characteristics.length) {
        await trx
          .insertInto('factory_characteristics')
          .values(
            o.characteristics.map((c) => ({
              op_id: op.id,
              product_id: product.id,
              code: c.code,
              name_zh: c.nameZh,
              name_en: c.nameEn,
              unit: c.unit,
              nominal: c.nominal,
              lsl: c.lsl,
              usl: c.usl,
              decimals: c.decimals,
              // Machined dimensions in subgroups of 5 consecutive housings; the rest one by one.
              chart: c.unit === 'mm' ? ('xbar_r' as const) : ('i_mr' as const),
              subgroup_size: c.unit === 'mm' ? 5 : 1,
              rules: ['we1', 'we2', 'we3', 'we4'],
            })),
          )
          .execute();
      }
      // The leak test's NOK fraction per hour of completions as a p chart (attribute characteristic).
      if (o.op === 'OP60') {
        await trx
          .insertInto('factory_characteristics')
          .values({
            op_id: op.id,
            product_id: product.id,
            code: 'LEAK_NOK',
            name_zh: '试漏不合格率',
            name_en: 'Leak test NOK fraction',
            unit: 'p',
            nominal: 0,
            lsl: null,
            usl: 0.01,
            decimals: 4,
            chart: 'p',
            subgroup_size: 1,
            subgroup_minutes: 60,
            rules: ['we1', 'we2', 'we3', 'we4'],
          })
          .execute();
      }
      for (const b of o.binds) {
        await trx
          .insertInto('factory_bom_items')
          .values({ product_id: product.id, op_id: op.id, component_id: components.get(b.component)!, qty: b.qty })
          .execute();
      }
    }
    // Two shifts of 75 housings a day for three weeks: the order on the line now, and the next one.
    n++;
    const stamp = today.slice(2).replaceAll('-', '');
    await trx
      .insertInto('factory_work_orders')
      .values([
        {
          org_id: orgId,
          number: `WO-${stamp}-${String(n).padStart(3, '0')}`,
          product_id: product.id,
          line_id: lineId,
          qty: 3150,
          due_date: addDays(today, 21),
          status: 'released',
          released_at: new Date(),
        },
        {
          org_id: orgId,
          number: `WO-${stamp}-${String(n + PRODUCTS.length).padStart(3, '0')}`,
          product_id: product.id,
          line_id: lineId,
          qty: 3150,
          due_date: addDays(today, 42),
          status: 'planned',
        },
      ])
      .execute();
  }
}
