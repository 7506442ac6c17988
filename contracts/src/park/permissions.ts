/** The industrial park module's permission codes; the server labels them (zh/en) and grants them through its roles. */
export const PARK_PERMISSIONS = {
  /** Investment projects, ceremony batches and enterprise records of the own scope. */
  read: 'park.read',
  /** Record and edit investment projects, move their stage, hold ceremony batches, keep the enterprise registry. */
  manage: 'park.manage',
  /** File an enterprise's smart-retrofit records and certification applications (its own, or the scope's). */
  apply: 'park.apply',
  /** Clear name and phone of an enterprise's contact person (audited). */
  reveal: 'park.reveal',
} as const;

export type ParkPermission = (typeof PARK_PERMISSIONS)[keyof typeof PARK_PERMISSIONS];
