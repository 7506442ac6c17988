import { formatPercent, parsePercent, type PaymentKind, type PaymentTermInput } from '@gearbridge/contracts/trade';
import type { Msg } from '../../platform/errors';
import { m } from './messages';

/** Payment terms as the server works with them: the share in basis points. */
export type Terms = { kind: PaymentKind; bp: number; days: number }[];

/**
 * Payment terms checked — on the RFQ (the terms the buyer wants) and at the award alike: one term per kind, the
 * percentages adding up to 100 % exactly. Field errors under `paymentTerms` (and `paymentTerms.<i>.kind`).
 */
export function checkTerms(given: readonly PaymentTermInput[]): { terms: Terms; fields: Record<string, Msg> } {
  const terms = given.map((x) => ({ kind: x.kind, bp: parsePercent(x.percent)!, days: x.days }));
  const fields: Record<string, Msg> = {};
  terms.forEach((x, i) => {
    if (terms.findIndex((o) => o.kind === x.kind) < i) fields[`paymentTerms.${i}.kind`] = m('trade.field.term_kind_twice');
  });
  const total = terms.reduce((a, x) => a + x.bp, 0);
  if (total !== 10_000) fields.paymentTerms = m('trade.field.terms_sum', { total: formatPercent(total) });
  return { terms, fields };
}

/** Terms as the API sends them ("30" percent). */
export const termsOut = (terms: Terms): PaymentTermInput[] => terms.map((x) => ({ kind: x.kind, percent: formatPercent(x.bp), days: x.days }));
