import { talentMessages } from '@gearbridge/contracts/messages';
import { messages, registerMessages } from '../../platform/errors';

/** The talent module's messages (contracts/src/messages/talent.ts): `m(key, params)` → a Msg for errors and fields. */
export const m = messages(talentMessages);
export type { Msg } from '../../platform/errors';

// Registered at load too, so tests that do not boot the platform render talent keys.
registerMessages(talentMessages);
