import { z } from 'zod';

/**
 * Every message the server sends a person is a stable key with parameters; the web renders it in zh-CN or en
 * (i18next, namespace `messages`), the server renders the English text for logs, the CLI and `message` fields.
 * Each module has one catalogue in contracts/src/messages/<module>.ts: key → English text with `{{param}}` slots.
 */
export type MessageParams = Record<string, string | number>;
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));
export const MessageRef = z.object({ key: z.string(), params: MessageParams.optional() });
export type MessageRef = z.infer<typeof MessageRef>;
/**
 * A text the server wrote into a row (a referral's note, a status change's reason, an alert's reason), stored as a
 * key with parameters and rendered in the reader's language; a parameter may itself be a message (a status name, the
 * reason a status change carried), one level deep.
 */
export const TextRef = z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), MessageRef])).optional() });
export type TextRef = z.infer<typeof TextRef>;

export type Catalogue = Readonly<Record<string, string>>;

/** Keys are `<module>.<area>.<what>` in lower case with dots and underscores; checked once, when defined. */
export function defineMessages<const C extends Record<string, string>>(prefix: string, catalogue: C): C {
  for (const key of Object.keys(catalogue)) {
    if (!key.startsWith(`${prefix}.`) || !/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(key)) {
      throw new Error(`message key "${key}" must start with "${prefix}." and hold only a-z, 0-9, _ and dots`);
    }
  }
  return catalogue;
}

const SLOT = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,[^}]*)?\}\}/g;

/** The parameter names a text uses, sorted (`{{date}}`, `{{count, number}}` → date, count). */
export function paramNames(text: string): string[] {
  return [...new Set([...text.matchAll(SLOT)].map((m) => m[1]))].sort();
}

/** Fills `{{param}}` slots; a missing parameter stays visible as its slot, so a mistake is seen, not hidden. */
export function renderMessage(text: string, params: MessageParams = {}): string {
  return text.replace(SLOT, (slot, name: string) => (params[name] === undefined ? slot : String(params[name])));
}
