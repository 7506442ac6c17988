import type { TFunction } from 'i18next';
import i18n from '../../../i18n';

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

/** Field-by-field comparison of two snapshots; non-object snapshots compare as one value. */
export function diff(before: unknown, after: unknown): DiffRow[] {
  if (before === null && after === null) return [];
  if (!isRecord(before) && !isRecord(after)) {
    const b = show(before ?? undefined);
    const a = show(after ?? undefined);
    return [{ field: '—', before: b, after: a, changed: b !== a }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((k) => {
    const bv = k in b ? show(b[k]) : null;
    const av = k in a ? show(a[k]) : null;
    return { field: k, before: bv, after: av, changed: isRecord(before) && isRecord(after) ? bv !== av : true };
  });
}
