import type { Actor } from '../../../platform/authz';
import type { NcrDisposition } from '@gearbridge/contracts/factory';
import { FP } from '../permissions';
import type { DB } from '../db';
import { approveNcr, closeNcr, createNcr, dispositionNcr } from './ncr.service';

/**
 * The demo's nonconformance records, made from the NOK units the simulator's replayed past left (never from a list
 * of serials): per line, operation and defect code, the group's units become one NCR opened by the demo's quality
 * engineer; the disposition follows the defect as a review board would decide it; the older records are closed
 * with a root cause and corrective action, the newest stay open or wait for the concession's second signature.
 * Runs once (nothing happens when the organisation already has an NCR).
 */

/** What a review board does with each defect of the demo plant (plant DEFECT_CODES), and why. */
const PLAYBOOK: Record<
  string,
  { disposition: NcrDisposition; reworkAtNok?: boolean; reworkOp?: string; description: string; reason: string; rootCause: string; correctiveAction: string }
> = {
  D01: {
    disposition: 'return_to_supplier',
    description: '加工面暴露铸造气孔，同批铸件疑似批量性缺陷',
    reason: '铸件内部缺陷，整批冻结退回供应商并发起索赔',
    rootCause: '供应商浇注温度偏低、型砂含水量偏高，铸件内部气孔',
    correctiveAction: '供应商提交 8D 报告；来料增加 X 光抽检，连续 3 批合格后恢复正常检验',
  },
  D02: {
    disposition: 'rework',
    reworkAtNok: true,
    description: '三坐标/在线测量尺寸超差（留有余量），需重新精加工',
    reason: '超差方向为实体偏大，余量可返修，返回本工序重新加工后全检',
    rootCause: '刀具磨损补偿未及时更新，孔径偏下限',
    correctiveAction: '刀具寿命管理改为按件数强制换刀；首件与每 25 件抽检尺寸',
  },
  D03: {
    disposition: 'scrap',
    description: '试漏泄漏率超上限，复测仍不合格',
    reason: '壳体穿透性缺陷，不可修复，报废',
    rootCause: '油道与螺塞孔之间壁厚不足处存在疏松',
    correctiveAction: '与铸造供应商评审该部位补缩工艺；试漏参数加严复核',
  },
  D04: {
    disposition: 'use_as_is',
    description: '非配合面轻微磕碰伤，深度小于 0.2 mm',
    reason: '非功能面，不影响装配与密封；客户 SQE 书面同意让步接收',
    rootCause: '工位间转运托盘定位块磨损，工件碰撞',
    correctiveAction: '更换定位块并加装缓冲垫；班前点检增加托盘检查项',
  },
  D05: {
    disposition: 'rework',
    reworkOp: 'OP30',
    description: 'M10 螺纹通止规检验止规通过，螺纹不良',
    reason: '返回钻孔攻丝工序重新攻丝后 100% 螺纹规检验',
    rootCause: '丝锥崩刃未被刀具监控发现',
    correctiveAction: '主轴负载监控增加攻丝扭矩上限报警',
  },
  D06: {
    disposition: 'use_as_is',
    description: '外观面残留细小毛刺，不影响功能',
    reason: '毛刺位于非密封外表面，经评审让步接收，装配前手工去除',
    rootCause: '去毛刺刷磨损超期使用',
    correctiveAction: '去毛刺刷按 2000 件定期更换并记录',
  },
  D07: {
    disposition: 'rework',
    reworkOp: 'OP50',
    description: '清洁度残留颗粒超标',
    reason: '返回清洗工序重新清洗后复测清洁度',
    rootCause: '清洗机过滤器堵塞，喷淋压力下降',
    correctiveAction: '过滤器压差纳入设备点检，超限自动报警',
  },
};

/** The groups taken, newest last; the newest one stays open, the one before waits for approval when it is a concession. */
const MAX_NCRS = 6;
const MAX_UNITS = 5;

/** A demo user as the service's actor (an NCR's signatures are people's). */
async function actorFor(db: DB, username: string, orgId: string): Promise<Actor | null> {
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('username', '=', username).where('org_id', '=', orgId).executeTakeFirst();
  if (!u) return null;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId,
    orgKind: 'enterprise',
    platformAdmin: false,
    grants: [{ roleCode: 'quality_engineer', permissions: new Set([FP.read, FP.quality]), regionCode: null }],
    requestId: 'demo-ncrs',
    ip: null,
  };
}

export async function seedDemoNcrs(db: DB, orgId: string): Promise<number> {
  if (await db.selectFrom('factory_ncrs').select('id').where('org_id', '=', orgId).limit(1).executeTakeFirst()) return 0;
  const engineer = await actorFor(db, 'gear.quality', orgId);
  const manager = await actorFor(db, 'gear.manager', orgId);
  if (!engineer || !manager) return 0;
  // NOK units not yet in any NCR, grouped by where and why they failed.
  const groups = await db
    .selectFrom('factory_unit_ops as x')
    .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
    .select(['u.line_id', 'x.op', 'x.defect_code', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('x.completed_at').as('last')])
    .where('u.org_id', '=', orgId)
    .where('u.status', '=', 'nok')
    .where('x.result', '=', 'NOK')
    .where('x.defect_code', 'is not', null)
    .groupBy(['u.line_id', 'x.op', 'x.defect_code'])
    .orderBy('n', 'desc')
    .limit(MAX_NCRS)
    .execute();
  const picked = groups.filter((g) => g.defect_code && PLAYBOOK[g.defect_code]).sort((a, b) => +new Date(a.last as Date) - +new Date(b.last as Date));
  let made = 0;
  for (const [i, g] of picked.entries()) {
    const play = PLAYBOOK[g.defect_code!];
    const units = await db
      .selectFrom('factory_unit_ops as x')
      .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
      .select(['u.id', 'x.completed_at'])
      .where('u.line_id', '=', g.line_id)
      .where('u.status', '=', 'nok')
      .where('x.op', '=', g.op)
      .where('x.defect_code', '=', g.defect_code)
      .where('x.result', '=', 'NOK')
      .orderBy('x.completed_at')
      .limit(MAX_UNITS)
      .execute();
    if (!units.length) continue;
    const ids = units.map((u) => u.id);
    // A supplier's lot: the casting lot most of the units share.
    let lotId: number | undefined;
    if (play.disposition === 'return_to_supplier') {
      const lot = await db
        .selectFrom('factory_unit_components as uc')
        .innerJoin('factory_component_lots as l', 'l.id', 'uc.lot_id')
        .innerJoin('factory_components as c', 'c.id', 'l.component_id')
        .select(['uc.lot_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('uc.unit_id', 'in', ids)
        .where('c.code', '=', 'CASTING')
        .groupBy('uc.lot_id')
        .orderBy('n', 'desc')
        .executeTakeFirst();
      lotId = lot?.lot_id;
    }
    const found = new Date(+new Date((units.at(-1)!.completed_at ?? new Date()) as Date) + 20 * 60_000);
    const ncr = await createNcr(
      db,
      engineer,
      { source: 'unit_nok', description: play.description, unitIds: ids, defectCode: g.defect_code!, op: g.op, ...(lotId ? { lotId } : {}) },
      { createdAt: found },
    );
    made++;
    const newest = i === picked.length - 1;
    if (newest) continue; // contained, waiting for the review board
    const disposition = play.disposition === 'return_to_supplier' && !lotId ? 'scrap' : play.disposition;
    const at = new Date(+found + 40 * 60_000);
    await dispositionNcr(
      db,
      engineer,
      ncr.id,
      { disposition, reason: play.reason, ...(disposition === 'rework' ? { reworkOp: play.reworkAtNok ? g.op : play.reworkOp } : {}) },
      { at },
    );
    const secondNewest = i === picked.length - 2;
    if (disposition === 'use_as_is') {
      if (secondNewest) continue; // the concession waits for its second signature
      await approveNcr(db, manager, ncr.id, { at: new Date(+at + 30 * 60_000) });
    }
    if (secondNewest) continue;
    await closeNcr(db, engineer, ncr.id, { rootCause: play.rootCause, correctiveAction: play.correctiveAction }, { at: new Date(+at + 90 * 60_000) });
  }
  return made;
}
