import { TALENT_PERMISSIONS } from '@gearbridge/contracts/talent';
import type { PermissionDef, RoleTemplate } from '../../platform/module';

/** The talent module's permission codes (contracts, where each is described), labelled here. */
export const TP = TALENT_PERMISSIONS;

export const talentPermissions: PermissionDef[] = [
  { code: TP.read, zh: '查看人才协作信息', en: 'View talent collaboration records' },
  { code: TP.edit, zh: '管理本方人才、挂职与结对', en: "Manage the own side's people, secondments and pairings" },
  { code: TP.reveal, zh: '查看人才完整个人信息（留痕）', en: "Reveal people's personal data (audited)" },
  { code: TP.approve, zh: '审批人才选派', en: 'Approve dispatches' },
  { code: TP.plan, zh: '制定和维护年度工作计划、互访与会议', en: "Draw up and keep the partnership's annual plan, visits and meetings" },
];

/**
 * Talent roles (merged by code at start). A grant with a region (an organisation department's officer) reaches every
 * organisation of that subtree; without one (a hospital, a school), the user's own organisation. Both read the
 * partner region's records through the partnership (partnership.service.ts).
 */
export const talentRoles: RoleTemplate[] = [
  // ck.talent, ly.talent: the collaboration office of each side.
  { code: 'talent_officer', zh: '人才协作专员', en: 'Talent collaboration officer', permissions: [TP.read, TP.edit, TP.reveal, TP.approve, TP.plan] },
  // ck.hospital, ly.school …: an institution keeps its own experts and pairings, and approves whom it sends. It does
  // not draw up or change the annual plan nor record visits and meetings (talent.plan): it notes progress on the
  // items it is responsible for.
  { code: 'talent_institution', zh: '人才协作单位管理员', en: 'Institution talent manager', permissions: [TP.read, TP.edit, TP.reveal, TP.approve] },
];
