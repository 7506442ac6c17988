import { ALARM_REASONS, PLANT, PPM_TARGET, SHIFT_TARGET_UNITS, SPARKPLUG_GROUP } from '@gearbridge/plant';
import type { DB } from './db';
import { seedProduction } from './production/seed';

export const DEMO_PLANT_ORG = '綦江齿轮传动有限公司';

/**
 * The Qijiang gear plant's equipment model: one site, one machining hall, 7 lines with their stations and
 * 180 devices, registered under the Sparkplug group the simulator (and real edge nodes) publish in.
 */
export async function seedPlant(db: DB): Promise<void> {
  const org = await db.selectFrom('organisations').select('id').where('name', '=', DEMO_PLANT_ORG).executeTakeFirst();
  if (!org) return;
  await db.transaction().execute(async (trx) => {
    const site = await trx
      .insertInto('factory_sites')
      .values({ org_id: org.id, code: 'QJ-SMART', name: '綦江智能制造基地', region_code: '500110' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const area = await trx.insertInto('factory_areas').values({ site_id: site.id, code: 'MACH', name: '壳体机加车间' }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('factory_sparkplug_groups').values({ group_id: SPARKPLUG_GROUP, org_id: org.id, site_id: site.id }).execute();
    // The plant's alarm code list, so andon shows 刀具断裂 rather than "alarm 2001".
    await trx
      .insertInto('factory_alarm_codes')
      .values(ALARM_REASONS.map((r) => ({ org_id: org.id, code: r.code, name_zh: r.zh, name_en: r.en })))
      .execute();
    await trx
      .insertInto('factory_alarm_rules')
      .values([
        {
          org_id: org.id,
          device_id: null,
          device_kind: 'cnc',
          metric: 'vibration',
          op: '>',
          threshold: 6,
          severity: 'warning',
          name_zh: '主轴振动偏高',
          name_en: 'Spindle vibration high',
        },
        { org_id: org.id, device_id: null, device_kind: 'agv', metric: 'battery', op: '<', threshold: 20, severity: 'warning', name_zh: 'AGV 电量低', name_en: 'AGV battery low' },
      ])
      .execute();
    const lines = new Map<string, string>();
    for (const line of PLANT) {
      const l = await trx
        .insertInto('factory_lines')
        .values({
          area_id: area.id,
          org_id: org.id,
          code: line.code,
          name_zh: line.nameZh,
          name_en: line.nameEn,
          product: line.product,
          shift_target: SHIFT_TARGET_UNITS,
          ppm_target: PPM_TARGET,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      lines.set(line.code, l.id);
      const cells = new Map<string, string>();
      for (const code of [...new Set(line.devices.map((d) => d.cell))]) {
        const c = await trx.insertInto('factory_cells').values({ line_id: l.id, code, name: code }).returning('id').executeTakeFirstOrThrow();
        cells.set(code, c.id);
      }
      await trx
        .insertInto('factory_devices')
        .values(
          line.devices.map((d) => ({
            org_id: org.id,
            site_id: site.id,
            line_id: l.id,
            cell_id: cells.get(d.cell)!,
            code: d.code,
            kind: d.kind,
            name_zh: d.nameZh,
            name_en: d.nameEn,
            ideal_cycle_s: d.idealCycleS,
            sp_group: SPARKPLUG_GROUP,
            sp_node: line.node,
            sp_device: d.code,
          })),
        )
        .execute();
    }
    await seedProduction(trx, org.id, lines);
  });
}
