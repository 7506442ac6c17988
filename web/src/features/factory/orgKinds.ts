import type { Me } from '../../api/types';

/** The organisation kinds whose people use the factory module: the plants, and the park administration following them. */
export const FACTORY_ORG_KINDS = ['enterprise', 'park_admin'] as const;

/** Whether the user's organisation uses the factory module (platform administrators: always). */
export const usesFactory = (me: Me) => me.platformAdmin || (FACTORY_ORG_KINDS as readonly string[]).includes(me.user.orgKind);
