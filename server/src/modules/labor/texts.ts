import type { MessageRef, TextRef } from '@gearbridge/contracts/messages';
import { laborMessages, laborTextsZh, renderMessage } from '@gearbridge/contracts/messages';
import type { WorkerStatus } from '@gearbridge/contracts/labor';

type Key = keyof typeof laborMessages & string;

/**
 * A text the server writes into a row (a referral's note, a status change's reason, an alert's reason): its key
 * and parameters (stored as `*_ref` jsonb, rendered by the web in the reader's language) and its English text
 * (stored beside, for logs, the CLI and the audit). A parameter may itself be a message, one level deep.
 */
export interface StoredText {
  ref: TextRef;
  text: string;
}

const english = (r: MessageRef) => renderMessage(laborMessages[r.key as Key] ?? r.key, r.params);

export function storedText(key: Key, params?: Record<string, string | number | MessageRef>): StoredText {
  const ref: TextRef = params ? { key, params } : { key };
  const flat = params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? english(v) : v])) : undefined;
  return { ref, text: renderMessage(laborMessages[key], flat) };
}

/** A text as a message parameter: a stored one by its key, a person's words as they are. */
export const asParam = (t: StoredText | string): string | MessageRef => (typeof t === 'string' ? t : (t.ref as MessageRef));

/** A worker status's name, as a parameter. */
export const statusName = (s: WorkerStatus): MessageRef => ({ key: `labor.worker_status.${s}` });

/** A stored text in Chinese or English (an Excel export); without a ref, the text as stored. */
export function renderStored(ref: TextRef | null, stored: string | null, zh: boolean): string | null {
  if (!ref) return stored;
  const text = (r: { key: string }) => (zh ? (laborTextsZh as Record<string, string>)[r.key] : undefined) ?? laborMessages[r.key as Key] ?? null;
  const one = (r: MessageRef) => {
    const t = text(r);
    return t === null ? null : renderMessage(t, r.params);
  };
  const params = Object.fromEntries(Object.entries(ref.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? (one(v) ?? v.key) : v]));
  const t = text(ref);
  return t === null ? stored : renderMessage(t, params);
}

/** The jsonb value of a ref column. */
export const refJson = (t: StoredText | string | null | undefined): string | null => (t && typeof t !== 'string' ? JSON.stringify(t.ref) : null);
export const textOf = (t: StoredText | string): string => (typeof t === 'string' ? t : t.text);
