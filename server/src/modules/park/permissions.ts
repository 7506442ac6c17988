import { PARK_PERMISSIONS } from '@gearbridge/contracts/park';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** The park module's permission codes (contracts, where each is described), labelled here. */
export const PP = PARK_PERMISSIONS;

export const parkPermissions: PermissionDef[] = [
  { code: PP.read, zh: '查看招商项目与园区企业', en: 'View investment projects and park enterprises' },
  { code: PP.manage, zh: '管理招商项目、集中仪式与企业名录', en: 'Manage investment projects, ceremonies and the enterprise registry' },
  { code: PP.apply, zh: '填报智能化改造项目与认定申请', en: 'File smart-retrofit records and certification applications' },
  { code: PP.reveal, zh: '查看企业联系人完整信息（留痕）', en: "Reveal enterprise contacts' personal data (audited)" },
];

/**
 * Park permissions on the core's module roles (merged by code at start). park.officer of 綦江工业园区管委会 holds
 * park_officer over 500110 (綦江区): every project the administration keeps and every enterprise in the district.
 * An enterprise's own user (park_enterprise, no region) reads only its own registry entry and files its own
 * retrofits and certification applications (park.apply); reviews and decisions are the officer's (park.manage).
 */
export const parkRoles: RoleTemplate[] = [
  { code: 'park_officer', zh: '园区专员', en: 'Park officer', permissions: [PP.read, PP.manage, PP.apply, PP.reveal] },
  { code: 'park_enterprise', zh: '园区企业联络员', en: 'Park enterprise liaison', permissions: [PP.read, PP.apply] },
];
