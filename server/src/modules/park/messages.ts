import { parkMessages } from '@gearbridge/contracts/messages';
import { messages, registerMessages } from '../../platform/errors';

/** The park module's messages (contracts/src/messages/park.ts): `m(key, params)` → a Msg for errors and fields. */
export const m = messages(parkMessages);
export type { Msg } from '../../platform/errors';

// Registered at load too, so contracts' zod messages named by park keys render in tests that do not boot the platform.
registerMessages(parkMessages);
