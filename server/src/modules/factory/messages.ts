import { factoryMessages } from '@gearbridge/contracts/messages';
import { messages, registerMessages } from '../../platform/errors';

/** The factory module's message maker: `m('factory.alarm.already_resolved')`. */
export const m = messages(factoryMessages);
export type FactoryMessageKey = keyof typeof factoryMessages;

// Contracts' factory schemas name their messages by key (model codes, shift times, group ids); known at load, so
// tests that do not start the platform render them too.
registerMessages(factoryMessages);
