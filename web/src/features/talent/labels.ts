import type { Availability, Direction, PairingKind, PersonKind, PlanArea, PlanStatus, Sector, VisitKind } from './types';

export const KINDS: PersonKind[] = ['cadre', 'professional'];
export const SECTORS: Sector[] = ['health', 'education', 'agriculture', 'cadre', 'science', 'other'];
export const AVAILABILITIES: Availability[] = ['available', 'on_assignment', 'unavailable'];
export const PAIRING_KINDS: PairingKind[] = ['hospital', 'school', 'other'];
export const REPORT_KINDS = ['monthly', 'quarterly', 'midterm', 'final', 'other'] as const;
export const DIRECTIONS: Direction[] = ['west_to_east', 'east_to_west'];
export const PLAN_AREAS: PlanArea[] = ['organisation', 'labour', 'talent', 'industry', 'villages', 'consumption', 'other'];
export const PLAN_STATUSES: PlanStatus[] = ['not_started', 'in_progress', 'done', 'cancelled', 'carried_over'];
export const VISIT_KINDS: VisitKind[] = ['visit', 'joint_meeting'];
