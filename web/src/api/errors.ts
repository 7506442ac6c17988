import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { MessageRef, TextRef } from '@gearbridge/contracts/messages';
import { isApiError, type ApiError } from './client';
import { messageText } from '../i18n/messages';

/**
 * A server message by its key in the interface's language. Without a key (an import job stored before messages had
 * keys) or with a key this build does not know, the server's English text is all there is.
 */
export function serverText(ref: MessageRef | null | undefined, english: string): string {
  return ref ? messageText(ref, english) : english;
}

/**
 * A text the server wrote into a row (a referral's note, a status change's reason) in the reader's language: its
 * key with parameters, a parameter that is itself a message rendered first. Without a key (a person's words, or a
 * row written before texts had keys) the stored text as it is.
 */
export function storedText(ref: TextRef | null | undefined, stored: string | null | undefined): string {
  if (!ref) return stored ?? '';
  const params = Object.fromEntries(Object.entries(ref.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? messageText(v, v.key) : v]));
  return messageText({ key: ref.key, params }, stored ?? ref.key);
}

/** The error's own message in the interface's language. */
export function apiMessage(err: ApiError): string {
  return serverText(err.key ? { key: err.key, params: err.params } : null, err.message);
}

/** The message of one field of an error (path as the server names it, e.g. `roles.0.regionCode`). */
export function fieldText(err: ApiError, path: string): string | undefined {
  const english = err.fields[path];
  return english === undefined ? undefined : serverText(err.fieldMessages[path], english);
}

/** One line a person can act on, for a toast or an alert. */
export function errorText(err: unknown, t: TFunction): string {
  if (!isApiError(err)) return t('common.serverError');
  if (err.code === 'network') return t('common.networkError');
  if (err.status === 403 && err.key !== 'platform.auth.csrf') return t('common.forbiddenWith', { detail: apiMessage(err) });
  if (err.status >= 500) return `${t('common.serverError')}${err.requestId ? ` (${t('common.requestId', { id: err.requestId })})` : ''}`;
  return apiMessage(err);
}

/**
 * Puts the server's per-field messages on the form's fields. Returns true when at least one field matched, so
 * the caller can skip a generic toast. Paths like `roles.0.regionCode` map to nested form names.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!isApiError(err) || !Object.keys(err.fields).length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = Object.keys(err.fields)
    .map((path) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [fieldText(err, path)!] }))
    .filter((f) => known.has(String(f.name[0])));
  if (!fields.length) return false;
  form.setFields(fields);
  form.scrollToField(fields[0].name, { block: 'center' });
  return true;
}
