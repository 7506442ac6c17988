import type { MessageRef } from '@gearbridge/contracts/messages';
import i18n from '../index';

/** Keys of the `messages` namespace are whole strings (`labor.followup.completion_in_future`), not paths. */
export const MESSAGES_NS = 'messages';
const OPTS = { ns: MESSAGES_NS, keySeparator: false as const, nsSeparator: false as const };

/** A server message in the interface's language; an unknown key shows the server's English text. */
export function messageText(ref: MessageRef, english: string): string {
  if (!i18n.exists(ref.key, OPTS)) return english;
  return i18n.t(ref.key, { ...OPTS, ...(ref.params ?? {}) });
}
