import { attributesSchema, type AttributeValues, type Vertical } from '@gearbridge/contracts/trade';
import { zodIssueMessage, type Msg } from '../../platform/errors';
import { m } from './messages';

/**
 * Validates attributes against the vertical's zod schema; returns them parsed, or the field errors keyed
 * `attributes.<key>` (an unknown key is an error of its own, not silently dropped).
 */
export function checkAttributes(vertical: Vertical, values: unknown, partial: boolean): { ok: true; value: AttributeValues } | { ok: false; errors: Record<string, Msg> } {
  const parsed = attributesSchema(vertical, partial).safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data as AttributeValues };
  const errors: Record<string, Msg> = {};
  for (const i of parsed.error.issues) {
    if (i.code === 'unrecognized_keys') {
      for (const key of i.keys) errors[`attributes.${key}`] ??= m('trade.field.unknown_attribute', { key });
      continue;
    }
    errors[['attributes', ...i.path.map(String)].join('.')] ??= zodIssueMessage(i.code, i.message, i as unknown as Record<string, unknown>);
  }
  return { ok: false, errors };
}
