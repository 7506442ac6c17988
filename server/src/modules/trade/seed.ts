import { parseYuan, VERTICAL_UNIT, type AttributeValues, type Vertical } from '@gearbridge/contracts/trade';
import { writeAudit } from '../../platform/audit';
import { localDay } from '../../platform/time';
import { checkAttributes } from './attributes';
import { seedSupply } from './seed-supply';
import { seedDemoOrder } from './seed-order';
import type { ModuleContext } from './db';

const GEAR = '綦江齿轮传动有限公司';
const SAIZHIYUAN = '赛之源齿轮';
const JINGJIANG = '荆江半轴';
const YUYANG = '余扬汽配';
const QINENG = '旗能电铝有限公司';
const XINGXU = '星旭铝业';
const YOUSHENG = '上海友升铝业有限公司';

type P = [supplier: string, vertical: Vertical, name: string, partNumber: string | null, price: string | null, attributes: AttributeValues];
/** Demo listings of the park's enterprises (synthetic part numbers and list prices excluding VAT). */
const PRODUCTS: P[] = [
  [
    GEAR,
    'gear',
    '重卡变速箱直齿轮 m3 z28',
    'QJ-SG-3028',
    '185.00',
    { gearType: 'spur', module: 3, teeth: 28, pressureAngle: 20, helixAngle: 0, material: '20CrMnTi', heatTreatment: 'carburizing_quenching', accuracyGrade: '7' },
  ],
  [
    GEAR,
    'gear',
    '变速箱斜齿轮 m2.5 z41',
    'QJ-HG-2541',
    '236.50',
    { gearType: 'helical', module: 2.5, teeth: 41, pressureAngle: 20, helixAngle: 18, material: '20CrMnTi', heatTreatment: 'carburizing_quenching', accuracyGrade: '6' },
  ],
  [
    GEAR,
    'gear',
    '重卡变速箱斜齿轮 m4 z53',
    'QJ-HG-4053',
    '468.00',
    { gearType: 'helical', module: 4, teeth: 53, pressureAngle: 20, helixAngle: 22, material: '17CrNiMo6', heatTreatment: 'carburizing_quenching', accuracyGrade: '6' },
  ],
  [
    GEAR,
    'gear',
    '驱动桥螺旋锥齿轮 m6 z11',
    'QJ-SB-0611',
    '1320.00',
    { gearType: 'spiral_bevel', module: 6, teeth: 11, pressureAngle: 20, helixAngle: 35, material: '20CrMnMo', heatTreatment: 'carburizing_quenching', accuracyGrade: '6' },
  ],
  [
    GEAR,
    'gear',
    '主减速器准双曲面齿轮 m7.2 z39',
    'QJ-HY-7239',
    '2860.00',
    { gearType: 'hypoid', module: 7.2, teeth: 39, pressureAngle: 22.5, helixAngle: 35, material: '20CrNiMo', heatTreatment: 'carburizing_quenching', accuracyGrade: '6' },
  ],
  [
    SAIZHIYUAN,
    'gear',
    '直齿轮 m2 z60',
    'SZY-2060',
    '96.80',
    { gearType: 'spur', module: 2, teeth: 60, pressureAngle: 20, helixAngle: 0, material: '40Cr', heatTreatment: 'induction_hardening', accuracyGrade: '8' },
  ],
  [
    SAIZHIYUAN,
    'gear',
    '斜齿轮 m3 z36',
    'SZY-3036',
    '152.00',
    { gearType: 'helical', module: 3, teeth: 36, pressureAngle: 20, helixAngle: 15, material: '20CrMnTi', heatTreatment: 'carburizing_quenching', accuracyGrade: '7' },
  ],
  [JINGJIANG, 'nev_part', '纯电乘用车驱动半轴', 'JJ-HS-EV01', '412.00', { partType: 'half_shaft', vehiclePlatform: '纯电乘用车平台', standard: 'QC/T 293' }],
  [JINGJIANG, 'nev_part', '轻型商用车半轴', 'JJ-HS-LC02', '365.00', { partType: 'half_shaft', vehiclePlatform: '轻型商用车平台', standard: 'QC/T 293' }],
  [GEAR, 'nev_part', '电驱减速器齿轮副', 'QJ-EV-RG01', '980.00', { partType: 'reducer_gear', vehiclePlatform: '纯电乘用车平台', standard: 'GB/T 10095.1' }],
  [YUYANG, 'nev_part', '动力电池托盘', 'YY-BT-01', null, { partType: 'battery_tray', vehiclePlatform: '纯电乘用车平台', standard: 'GB 38031' }],
  [QINENG, 'aluminium', '铝液 A00（直供）', null, '19650.00', { alloy: 'A00', form: 'molten', tonnage: 2000 }],
  [QINENG, 'aluminium', '铝锭 A00', null, '19950.00', { alloy: 'A00', temper: 'F', form: 'ingot', dimensions: '标准锭 20 kg', tonnage: 500 }],
  [QINENG, 'aluminium', '铸造铝液 A356', null, '20850.00', { alloy: 'A356', form: 'molten', tonnage: 800 }],
  [XINGXU, 'aluminium', '6063-T5 建筑与车用型材', 'XX-6063-6040', '23800.00', { alloy: '6063', temper: 'T5', form: 'extrusion', dimensions: '60×40×2 mm', tonnage: 50 }],
  [XINGXU, 'aluminium', '6061-T6 圆棒', 'XX-6061-B178', '22600.00', { alloy: '6061', temper: 'T6', form: 'billet', dimensions: 'Φ178×6000 mm', tonnage: 120 }],
  [XINGXU, 'aluminium', '6082-T6 车用型材', 'XX-6082-EV', '24300.00', { alloy: '6082', temper: 'T6', form: 'extrusion', dimensions: '电池框架型材', tonnage: 30 }],
];

const DAY = 86_400_000;

/**
 * The trade demo: the park's enterprises' listings, an open RFQ of 上海友升铝业 for molten aluminium with a sealed
 * quote, two closed ones whose quotes the buyer compares (to award, or to ask for a revision round), an open gear RFQ of 荆江半轴, and the molten-aluminium
 * supply agreement between 旗能电铝 and 上海友升铝业 with a year of its records (seed-supply.ts), and an awarded
 * gear order of 荆江半轴 that 綦江齿轮传动's plant makes (seed-order.ts, through the services).
 */
export async function seedTrade(ctx: ModuleContext): Promise<void> {
  const { db } = ctx;
  const orgs = new Map((await db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.name, o.id]));
  const users = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', 'in', ['youshen.buyer', 'jingjiang.buyer', 'qineng.supplier', 'xingxu.supplier', 'gear.sales'])
        .execute()
    ).map((u) => [u.username, u.id]),
  );
  if (![GEAR, JINGJIANG, QINENG, XINGXU, YOUSHENG].every((n) => orgs.has(n))) return;
  const org = (n: string) => orgs.get(n)!;
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    for (const [supplier, vertical, name, partNumber, price, attributes] of PRODUCTS) {
      const checked = checkAttributes(vertical, attributes, false);
      if (!checked.ok) throw new Error(`demo product ${name}: ${Object.keys(checked.errors).join(', ')}`);
      await trx
        .insertInto('trade_products')
        .values({
          org_id: org(supplier),
          vertical,
          name,
          part_number: partNumber,
          attributes: JSON.stringify(checked.value),
          unit: VERTICAL_UNIT[vertical],
          unit_price_fen: price ? String(parseYuan(price)) : null,
          description: null,
          created_by: null,
          updated_at: new Date(),
        })
        .execute();
    }
    const rfq = async (
      buyer: string,
      user: string,
      r: {
        title: string;
        vertical: Vertical;
        attributes: AttributeValues;
        quantity: string;
        place: string;
        visibility: 'invited' | 'open';
        invited: string[];
        createdDaysAgo: number;
        deadlineDays: number;
        deliveryDays: number;
      },
    ) => {
      const { id } = await trx
        .insertInto('trade_rfqs')
        .values({
          org_id: org(buyer),
          title: r.title,
          vertical: r.vertical,
          attributes: JSON.stringify(r.attributes),
          quantity: r.quantity,
          unit: VERTICAL_UNIT[r.vertical],
          delivery_date: localDay(now + r.deliveryDays * DAY),
          delivery_place: r.place,
          visibility: r.visibility,
          deadline: new Date(now + r.deadlineDays * DAY),
          note: null,
          created_by: users.get(user) ?? null,
          created_at: new Date(now - r.createdDaysAgo * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (r.invited.length)
        await trx
          .insertInto('trade_rfq_invites')
          .values(r.invited.map((n) => ({ rfq_id: id, org_id: org(n) })))
          .execute();
      return id;
    };
    const quote = async (rfqId: string, supplier: string, user: string, leadTimeDays: number, validDays: number, tiers: [string, string][]) => {
      const { id } = await trx
        .insertInto('trade_quotes')
        .values({
          rfq_id: rfqId,
          org_id: org(supplier),
          lead_time_days: leadTimeDays,
          valid_until: localDay(now + validDays * DAY),
          note: null,
          created_by: users.get(user) ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('trade_quote_tiers')
        .values(tiers.map(([min, price]) => ({ quote_id: id, min_quantity: min, unit_price_fen: String(parseYuan(price)) })))
        .execute();
    };
    const molten = await rfq(YOUSHENG, 'youshen.buyer', {
      title: '铝液 A00 月度直供（下月）',
      vertical: 'aluminium',
      attributes: { alloy: 'A00', form: 'molten' },
      quantity: '1500',
      place: '上海友升铝业綦江工厂',
      visibility: 'invited',
      invited: [QINENG, XINGXU],
      createdDaysAgo: 2,
      deadlineDays: 5,
      deliveryDays: 30,
    });
    await quote(molten, QINENG, 'qineng.supplier', 1, 40, [
      ['0', '19700.00'],
      ['1000', '19650.00'],
    ]);
    const profiles = await rfq(YOUSHENG, 'youshen.buyer', {
      title: '6063-T5 车用型材',
      vertical: 'aluminium',
      attributes: { alloy: '6063', temper: 'T5', form: 'extrusion' },
      quantity: '80',
      place: '上海友升铝业綦江工厂',
      visibility: 'open',
      invited: [],
      createdDaysAgo: 12,
      deadlineDays: -2,
      deliveryDays: 20,
    });
    await quote(profiles, XINGXU, 'xingxu.supplier', 10, 30, [
      ['0', '23900.00'],
      ['50', '23750.00'],
    ]);
    await quote(profiles, QINENG, 'qineng.supplier', 15, 30, [['0', '24100.00']]);
    // Closed, quoted and not awarded: the buyer compares, or asks both for a revision round.
    const billets = await rfq(YOUSHENG, 'youshen.buyer', {
      title: '6061-T6 圆棒 季度采购',
      vertical: 'aluminium',
      attributes: { alloy: '6061', temper: 'T6', form: 'billet' },
      quantity: '120',
      place: '上海友升铝业綦江工厂',
      visibility: 'invited',
      invited: [XINGXU, QINENG],
      createdDaysAgo: 9,
      deadlineDays: -1,
      deliveryDays: 25,
    });
    await quote(billets, XINGXU, 'xingxu.supplier', 12, 30, [
      ['0', '22600.00'],
      ['100', '22480.00'],
    ]);
    await quote(billets, QINENG, 'qineng.supplier', 18, 30, [['0', '22550.00']]);
    const bevel = await rfq(JINGJIANG, 'jingjiang.buyer', {
      title: '驱动桥螺旋锥齿轮 m6 z11',
      vertical: 'gear',
      attributes: { gearType: 'spiral_bevel', module: 6, teeth: 11, accuracyGrade: '6' },
      quantity: '3000',
      place: '荆江半轴 綦江厂区',
      visibility: 'invited',
      invited: [GEAR, SAIZHIYUAN],
      createdDaysAgo: 1,
      deadlineDays: 7,
      deliveryDays: 45,
    });
    await quote(bevel, GEAR, 'gear.sales', 25, 60, [
      ['0', '1320.00'],
      ['2000', '1288.00'],
    ]);
    await writeAudit(trx, null, { action: 'trade.demo.seed', entity: 'platform', orgId: null, after: { products: PRODUCTS.length, rfqs: 4 } });
    await seedSupply(trx, org, users, now);
  });
  await seedDemoOrder(ctx, org, users.get('gear.sales') ?? null);
}
