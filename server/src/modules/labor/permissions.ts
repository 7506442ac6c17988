import { LABOR_PERMISSIONS } from '@gearbridge/contracts/labor';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** The labour module's permission codes (contracts, where each is described), labelled here. */
export const LP = LABOR_PERMISSIONS;

export const laborPermissions: PermissionDef[] = [
  { code: LP.read, zh: '查看劳动力与用工需求', en: 'View workers and labour demand' },
  { code: LP.manage, zh: '管理劳动力信息', en: 'Manage workers' },
  { code: LP.reveal, zh: '查看劳动力完整个人信息（留痕）', en: "Reveal workers' personal data (audited)" },
  { code: LP.post, zh: '发布用工需求', en: 'Post labour demand' },
  { code: LP.share, zh: '向协作地区共享信息', en: 'Share with the partner region' },
];

/**
 * Labour permissions on the core's module roles (merged by code at start). A grant with a region (officials)
 * reaches every organisation in that subtree; without one, the user's own organisation. The bureau's
 * administrator (ck.admin, an org_admin) gets the caseworker role over the county from the demo seed: org_admin
 * itself stays as the core defines it.
 */
export const laborRoles: RoleTemplate[] = [
  // ck.caseworker: keeps the county's roll, shares needs with Linyi, posts for local employers.
  { code: 'labour_caseworker', zh: '劳务协作专员', en: 'Labour caseworker', permissions: [LP.read, LP.manage, LP.reveal, LP.post, LP.share] },
  // ly.officer: reads what Chengkou shared, posts and shares Linyi employers' demand; reveals only with consent.
  { code: 'collaboration_officer', zh: '协作联络员', en: 'Collaboration officer', permissions: [LP.read, LP.post, LP.share, LP.reveal] },
  // yuyang.hr: the employer's own postings, and workers shared with the employer directly.
  { code: 'enterprise_hr', zh: '企业人事', en: 'Enterprise HR', permissions: [LP.read, LP.post] },
  // park.officer: posts demand for the park's enterprises.
  { code: 'park_officer', zh: '园区专员', en: 'Park officer', permissions: [LP.read, LP.post] },
];
