import type { MessageRef } from '@gearbridge/contracts/messages';
import i18n from '../index';

/** Keys of the `messages` namespace are whole strings (`labor.followup.completion_in_future`), not paths. */
export const MESSAGES_NS = 'messages';
const OPTS = { ns: MESSAGES_NS, keySeparator: false as const, nsSeparator: false as const };

/**
 * A parameter that stands for nothing: the server sends an empty list (the enterprises on a chain link, the links
 * of a chain …) as "—", or as an empty text. Marked while the message renders, so the text around it can be seen.
 */
const NOTHING = new Set(['', '—']);
const HOLE = '\u0001';
/** A bracketed group holding nothing but an empty parameter — "（—）", " (—)", "【—】" — says nothing: it is left out. */
const EMPTY_GROUP = new RegExp(`[ \\t]?\\(${HOLE}\\)|（${HOLE}）|【${HOLE}】|\\[${HOLE}\\]`, 'g');

/**
 * A message's text with its parameters, an empty list's bracketed group left out ("企业（—）或项目（A）" reads
 * "企业或项目（A）"); an empty parameter anywhere else still shows as "—". Every module's server messages render
 * through here (messageText), so none of them shows "（—）".
 */
export function withParams(render: (params: Record<string, unknown>) => string, params: Record<string, unknown> = {}): string {
  const marked = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && NOTHING.has(v.trim()) ? HOLE : v]));
  return render(marked).replace(EMPTY_GROUP, '').replaceAll(HOLE, '—');
}

/** A server message in the interface's language; an unknown key shows the server's English text. */
export function messageText(ref: MessageRef, english: string): string {
  if (!i18n.exists(ref.key, OPTS)) return english;
  return withParams((params) => i18n.t(ref.key, { ...OPTS, ...params }), ref.params);
}
