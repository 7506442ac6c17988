import { platformMessages, renderMessage, validationMessages, type MessageParams, type MessageRef } from '@gearbridge/contracts/messages';

/**
 * Transport-free domain errors. Services throw these; the HTTP layer maps them once (http/errors.ts), the CLI
 * prints their English message. Each carries a message key and parameters from its module's catalogue
 * (contracts/src/messages), so the web shows it in the person's language.
 */
export type DomainCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited';

/** A message key with its parameters and its English text. Made by a module's `messages(catalogue)` function. */
export interface Msg extends MessageRef {
  text: string;
}

/** The typed message maker of one catalogue: only its keys compile. */
export function messages<const C extends Readonly<Record<string, string>>>(catalogue: C) {
  return (key: keyof C & string, params?: MessageParams): Msg => ({ key, ...(params ? { params } : {}), text: renderMessage(catalogue[key], params) });
}

/** The platform's own messages and field validation's. */
export const pm = messages({ ...platformMessages, ...validationMessages });

/** Every catalogue the running platform knows (its own, and each module's, registered at start). */
const known = new Map<string, string>(Object.entries({ ...platformMessages, ...validationMessages }));

/** Adds a module's catalogue: its keys may then name zod issues' custom messages in contracts. */
export function registerMessages(catalogue: Readonly<Record<string, string>>): void {
  for (const [k, v] of Object.entries(catalogue)) known.set(k, v);
}

/** The English text of a key (for a message whose key is only known at run time). */
export function messageFor(key: string, params?: MessageParams): Msg | null {
  const text = known.get(key);
  return text === undefined ? null : { key, ...(params ? { params } : {}), text: renderMessage(text, params) };
}

export class DomainError extends Error {
  readonly key: string;
  readonly params?: MessageParams;
  /** Per-field English messages (the CLI prints them; the API sends them beside fieldMessages). */
  readonly fields?: Record<string, string>;
  readonly fieldMessages?: Record<string, MessageRef>;

  constructor(
    readonly code: DomainCode,
    message: Msg,
    fields?: Record<string, Msg>,
    readonly retryAfterSeconds?: number,
  ) {
    const m = message;
    super(m.text);
    this.name = 'DomainError';
    this.key = m.key;
    if (m.params) this.params = m.params;
    if (fields) {
      const entries = Object.entries(fields);
      this.fields = Object.fromEntries(entries.map(([k, v]) => [k, v.text]));
      this.fieldMessages = Object.fromEntries(entries.map(([k, v]) => [k, { key: v.key, ...(v.params ? { params: v.params } : {}) }]));
    }
  }
}

type Fields = Record<string, Msg>;
export const invalid = (message: Msg, fields?: Fields) => new DomainError('invalid', message, fields);
export const unauthenticated = (message: Msg = pm('platform.auth.sign_in_first')) => new DomainError('unauthenticated', message);
export const forbidden = (message: Msg = pm('platform.authz.forbidden')) => new DomainError('forbidden', message);
/** 404 with its message (e.g. `m('labor.worker.not_found')`). */
export const notFound = (message: Msg) => new DomainError('not_found', message);
export const conflict = (message: Msg, fields?: Fields) => new DomainError('conflict', message, fields);
export const unprocessable = (message: Msg, fields?: Fields) => new DomainError('unprocessable', message, fields);
export const rateLimited = (message: Msg, retryAfterSeconds: number) => new DomainError('rate_limited', message, undefined, retryAfterSeconds);

/** PostgreSQL unique_violation → conflict naming the constraint's field, so the form can show it. */
export function fromUniqueViolation(err: unknown, fieldsByConstraint: Record<string, string>): DomainError | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return null;
  const constraint = e.constraint ?? Object.keys(fieldsByConstraint).find((c) => e.message?.includes(c));
  const field = constraint ? fieldsByConstraint[constraint] : undefined;
  return field ? conflict(pm('platform.record.already_taken', { field }), { [field]: pm('platform.record.field_taken') }) : conflict(pm('platform.record.duplicate'));
}

/**
 * One zod issue as a message key (over HTTP, fastify-type-provider-zod passes keyword = the issue's code and
 * params = the rest of the issue; elsewhere pass `issue.code`, `issue.message`, the issue). A custom message that is itself a catalogue key (contracts' schemas name theirs by key) wins.
 */
export function zodIssueMessage(keyword: string, message: string | undefined, params: Record<string, unknown>): Msg {
  if (message && known.has(message)) return { key: message, text: known.get(message)! };
  const n = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : String(v));
  const origin = params.origin as string | undefined;
  switch (keyword) {
    case 'invalid_type':
      return params.input === undefined ? pm('validation.required') : pm('validation.invalid_type', { expected: String(params.expected) });
    case 'too_small':
      if (origin === 'string') return Number(params.minimum) <= 1 ? pm('validation.required') : pm('validation.too_short', { minimum: n(params.minimum) });
      if (origin === 'array' || origin === 'set') return pm('validation.too_few', { minimum: n(params.minimum) });
      return pm('validation.too_small', { minimum: origin === 'date' ? String(params.minimum) : n(params.minimum) });
    case 'too_big':
      if (origin === 'string') return pm('validation.too_long', { maximum: n(params.maximum) });
      if (origin === 'array' || origin === 'set') return pm('validation.too_many', { maximum: n(params.maximum) });
      return pm('validation.too_big', { maximum: origin === 'date' ? String(params.maximum) : n(params.maximum) });
    case 'invalid_value':
    case 'invalid_union':
      return pm('validation.invalid_option');
    case 'invalid_format':
      return params.format === 'date' ? pm('validation.invalid_date') : pm('validation.invalid_format', { format: String(params.format) });
    case 'not_multiple_of':
      return pm('validation.not_integer');
    case 'unrecognized_keys':
      return pm('validation.unknown_field', { name: Array.isArray(params.keys) ? params.keys.join(', ') : '' });
    default:
      return pm('validation.invalid');
  }
}
