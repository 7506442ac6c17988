import { FACTORY_PERMISSIONS } from '@gearbridge/contracts/factory';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** The factory's permission codes (contracts), labelled here. */
export const FP = FACTORY_PERMISSIONS;

export const factoryPermissions: PermissionDef[] = [
  { code: FP.read, zh: '查看工厂设备与数据', en: 'View plant equipment and data' },
  { code: FP.manage, zh: '管理工厂设备模型', en: 'Manage the plant equipment model' },
  { code: FP.plan, zh: '计划与下达生产工单', en: 'Plan and release work orders' },
  { code: FP.station, zh: '在工位记录产品过站', en: 'Record units at a station' },
  { code: FP.quality, zh: '质量管理：隔离放行、追溯召回、控制限', en: 'Quality: hold and release, recall, control limits' },
  { code: FP.logistics, zh: '物流交接：装箱、组托、AGV 转运、发货', en: 'Logistics: pack, palletise, AGV transfers, ship' },
];

/** Adds factory permissions to the core's module roles (merged by role code at start). */
export const factoryRoles: RoleTemplate[] = [
  { code: 'org_admin', zh: '单位管理员', en: 'Organisation administrator', permissions: [FP.read, FP.manage, FP.plan, FP.station, FP.quality, FP.logistics] },
  { code: 'plant_manager', zh: '工厂经理', en: 'Plant manager', permissions: [FP.read, FP.manage, FP.plan, FP.station, FP.quality, FP.logistics] },
  { code: 'quality_engineer', zh: '质量工程师', en: 'Quality engineer', permissions: [FP.read, FP.station, FP.quality] },
  { code: 'operator', zh: '操作工', en: 'Operator', permissions: [FP.read, FP.station, FP.logistics] },
  // Park officers follow the smart-factory retrofits of the enterprises in their region.
  { code: 'park_officer', zh: '园区专员', en: 'Park officer', permissions: [FP.read] },
];
