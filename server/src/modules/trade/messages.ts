import { tradeMessages } from '@gearbridge/contracts/messages';
import { messages, registerMessages } from '../../platform/errors';

/** The trade module's messages (contracts/src/messages/trade.ts): `m(key, params)` → a Msg for errors and fields. */
export const m = messages(tradeMessages);

// Registered at load too, so contracts' zod messages named by trade keys render in tests that do not boot the platform.
registerMessages(tradeMessages);
