import { laborMessages } from '@gearbridge/contracts/messages';
import { messages, registerMessages } from '../../platform/errors';

/** The labour module's messages (contracts/src/messages/labor.ts): `m(key, params)` → a Msg for errors and fields. */
export const m = messages(laborMessages);
export type { Msg } from '../../platform/errors';

// Registered at load too, so contracts' zod messages named by labour keys render in tests that do not boot the platform.
registerMessages(laborMessages);
