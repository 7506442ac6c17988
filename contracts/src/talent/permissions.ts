/** The talent module's permission codes; the server labels them (zh/en) and grants them through its roles. */
export const TALENT_PERMISSIONS = {
  /** People, secondments and pairings of the own scope, and of the paired region (the partnership shares them). */
  read: 'talent.read',
  /** Register and edit people, secondments, reports, pairings and agreements owned by organisations in scope. */
  edit: 'talent.edit',
  /** Clear ID number or phone of a person owned in scope (audited). */
  reveal: 'talent.reveal',
  /** Approve what the sending unit must approve (dispatch orders, next stage; audited). */
  approve: 'talent.approve',
  /**
   * Draw up and keep a partnership's annual plan: create it, add and change its items and their status, close and
   * reopen the year; record and correct the leadership visits and joint meetings with their follow-ups. The
   * collaboration offices' officers (a region grant), not an institution.
   */
  plan: 'talent.plan',
} as const;

export type TalentPermission = (typeof TALENT_PERMISSIONS)[keyof typeof TALENT_PERMISSIONS];
