import { IDENTITY_PERMISSIONS } from '@gearbridge/contracts/identity';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** Permission codes of the core (contracts): '*' (platform admin) passes every check. */
export const P = IDENTITY_PERMISSIONS;

export const corePermissions: PermissionDef[] = [
  { code: P.orgRead, zh: '查看组织', en: 'View organisations' },
  { code: P.orgManage, zh: '管理组织', en: 'Manage organisations' },
  { code: P.userRead, zh: '查看用户', en: 'View users' },
  { code: P.userManage, zh: '管理用户', en: 'Manage users' },
  { code: P.roleManage, zh: '管理角色', en: 'Manage roles' },
  { code: P.auditRead, zh: '查看审计日志', en: 'View the audit log' },
  { code: P.piiReveal, zh: '查看完整个人信息（留痕）', en: 'Reveal personal data (audited)' },
  { code: P.regionManage, zh: '管理行政区划', en: 'Manage regions' },
];

/**
 * Built-in roles. Module roles carry only core permissions until their module lands and adds its own; a
 * government grant with a region reaches every organisation registered in that region subtree.
 */
export const coreRoles: RoleTemplate[] = [
  { code: 'platform_admin', zh: '平台管理员', en: 'Platform administrator', permissions: ['*'] },
  {
    code: 'org_admin',
    zh: '单位管理员',
    en: 'Organisation administrator',
    permissions: [P.orgRead, P.orgManage, P.userRead, P.userManage, P.roleManage, P.auditRead, P.piiReveal],
  },
  { code: 'auditor', zh: '审计员', en: 'Auditor', permissions: [P.orgRead, P.userRead, P.auditRead] },
  { code: 'plant_manager', zh: '工厂经理', en: 'Plant manager', permissions: [P.orgRead, P.userRead] },
  { code: 'quality_engineer', zh: '质量工程师', en: 'Quality engineer', permissions: [P.orgRead] },
  { code: 'operator', zh: '操作工', en: 'Operator', permissions: [P.orgRead] },
  { code: 'labour_caseworker', zh: '劳务协作专员', en: 'Labour caseworker', permissions: [P.orgRead, P.piiReveal] },
  { code: 'enterprise_hr', zh: '企业人事', en: 'Enterprise HR', permissions: [P.orgRead, P.userRead] },
  { code: 'collaboration_officer', zh: '协作联络员', en: 'Collaboration officer', permissions: [P.orgRead, P.userRead] },
  { code: 'park_officer', zh: '园区专员', en: 'Park officer', permissions: [P.orgRead, P.orgManage] },
  { code: 'talent_officer', zh: '人才协作专员', en: 'Talent collaboration officer', permissions: [P.orgRead, P.userRead] },
  { code: 'talent_institution', zh: '人才协作单位管理员', en: 'Institution talent manager', permissions: [P.orgRead] },
  // An enterprise's contact for the park administration: reads its own entry in the park's registry (park module).
  { code: 'park_enterprise', zh: '园区企业联络员', en: 'Park enterprise liaison', permissions: [P.orgRead] },
  { code: 'buyer', zh: '采购商', en: 'Buyer', permissions: [P.orgRead] },
  { code: 'supplier', zh: '供应商', en: 'Supplier', permissions: [P.orgRead] },
  { code: 'trade_operator', zh: '交易平台运营', en: 'Trade platform operator', permissions: [P.orgRead] },
];
