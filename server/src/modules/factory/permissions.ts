import { FACTORY_PERMISSIONS } from '@gearbridge/contracts/factory';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** The factory's permission codes (contracts), labelled here. */
export const FP = FACTORY_PERMISSIONS;

export const factoryPermissions: PermissionDef[] = [
  { code: FP.read, zh: '查看工厂设备与数据', en: 'View plant equipment and data' },
  { code: FP.manage, zh: '管理工厂设备模型', en: 'Manage the plant equipment model' },
];

/** Adds factory permissions to the core's module roles (merged by role code at start). */
export const factoryRoles: RoleTemplate[] = [
  { code: 'org_admin', zh: '单位管理员', en: 'Organisation administrator', permissions: [FP.read, FP.manage] },
  { code: 'plant_manager', zh: '工厂经理', en: 'Plant manager', permissions: [FP.read, FP.manage] },
  { code: 'quality_engineer', zh: '质量工程师', en: 'Quality engineer', permissions: [FP.read] },
  { code: 'operator', zh: '操作工', en: 'Operator', permissions: [FP.read] },
  // Park officers follow the smart-factory retrofits of the enterprises in their region.
  { code: 'park_officer', zh: '园区专员', en: 'Park officer', permissions: [FP.read] },
];
