import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from './client';
import { currentLocale } from '../i18n';
import { localizeServerMessage } from '../i18n/serverMessages';

/** One line a person can act on, for a toast or an alert. */
export function errorText(err: unknown, t: TFunction): string {
  if (!isApiError(err)) return t('common.serverError');
  if (err.code === 'network') return t('common.networkError');
  if (err.status === 403 && !/csrf/i.test(err.message)) {
    return t('common.forbiddenWith', { detail: localizeServerMessage(err.message, currentLocale()) });
  }
  if (err.status >= 500) return `${t('common.serverError')}${err.requestId ? ` (${t('common.requestId', { id: err.requestId })})` : ''}`;
  return localizeServerMessage(err.message, currentLocale());
}

/**
 * Puts the server's per-field messages on the form's fields. Returns true when at least one field matched, so
 * the caller can skip a generic toast. Paths like `roles.0.regionCode` map to nested form names.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!isApiError(err) || !Object.keys(err.fields).length) return false;
  const locale = currentLocale();
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const fields = Object.entries(err.fields)
    .map(([path, msg]) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [localizeServerMessage(msg, locale)] }))
    .filter((f) => known.has(String(f.name[0])));
  if (!fields.length) return false;
  form.setFields(fields);
  form.scrollToField(fields[0].name, { block: 'center' });
  return true;
}
