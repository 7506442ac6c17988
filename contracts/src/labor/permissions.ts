/** The labour module's permission codes; the server labels them (zh/en) and grants them through its roles. */
export const LABOR_PERMISSIONS = {
  /** Workers and postings of the own scope, and what partners shared with organisations in it. */
  read: 'labor.read',
  /** Register, edit, import workers; record status changes and consent. */
  manage: 'labor.manage',
  /** Clear ID number, phone and name of a worker (audited). */
  reveal: 'labor.reveal',
  /** Post and edit labour demand for employers in scope. */
  post: 'labor.post',
  /** Share workers' needs and postings with a partner organisation, and revoke shares. */
  share: 'labor.share',
} as const;

export type LaborPermission = (typeof LABOR_PERMISSIONS)[keyof typeof LABOR_PERMISSIONS];
