import { identityMessages } from '@gearbridge/contracts/messages';
import { messages, registerMessages } from '../../platform/errors';

/** The identity module's message maker: `m('identity.org.not_found')`. */
export const m = messages(identityMessages);

// Contracts' identity and region schemas name their messages by key (RegionCode, Username); known at load, so
// tests that do not start the platform render them too.
registerMessages(identityMessages);
