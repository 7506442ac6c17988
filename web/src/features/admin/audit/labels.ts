import type { TFunction } from 'i18next';
import i18n from '../../../i18n';
import { chinaTime } from '../common/format';

export const actionLabel = (t: TFunction, action: string) => (i18n.exists(`audit.actions.${action}`) ? t(`audit.actions.${action}`) : action);
export const entityLabel = (t: TFunction, entity: string) => (i18n.exists(`audit.entities.${entity}`) ? t(`audit.entities.${entity}`) : entity);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A human name for the record an entry is about, from its before/after snapshot when there is one. */
export function recordName(before: unknown, after: unknown): string | null {
  for (const snap of [after, before]) {
    if (!isRecord(snap)) continue;
    for (const k of ['name', 'displayName', 'nameZh', 'username', 'fileName']) {
      const v = snap[k];
      if (typeof v === 'string' && v) return v;
    }
  }
  return null;
}

export interface DiffRow {
  field: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

const show = (v: unknown): string | null => (v === undefined ? null : v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A field's label in the UI language (`audit.fields.<field>`, which each module contributes for its records), else the field's name. */
export const fieldLabel = (t: TFunction, field: string) => (i18n.exists(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field);

/**
 * A snapshot's value as a reader wants it: a time in China time, yes or no, a code in words (`audit.values.<field>.<code>`,
 * an organisation's kind), a list joined; an empty value as "—". Anything else as compact JSON.
 */
export function valueText(t: TFunction, field: string, v: unknown): string | null {
  if (v === undefined) return null;
  if (v === null || v === '') return '—';
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (typeof v === 'string') {
    if (ISO_TIME.test(v)) return chinaTime(v);
    if (i18n.exists(`audit.values.${field}.${v}`)) return t(`audit.values.${field}.${v}`);
    if (field === 'kind' && i18n.exists(`orgKind.${v}`)) return t(`orgKind.${v}`);
    return v;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => valueText(t, field, x)).join(i18n.language === 'en' ? ', ' : '、');
  return JSON.stringify(v);
}

/** Field-by-field comparison of two snapshots; non-object snapshots compare as one value. */
export function diff(before: unknown, after: unknown, text: (field: string, v: unknown) => string | null = (_f, v) => show(v)): DiffRow[] {
  if (before === null && after === null) return [];
  if (!isRecord(before) && !isRecord(after)) {
    const b = text('—', before ?? undefined);
    const a = text('—', after ?? undefined);
    return [{ field: '—', before: b, after: a, changed: b !== a }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((k) => {
    const bv = k in b ? text(k, b[k]) : null;
    const av = k in a ? text(k, a[k]) : null;
    return { field: k, before: bv, after: av, changed: isRecord(before) && isRecord(after) ? bv !== av : true };
  });
}
