import { expect } from 'vitest';
import { sql } from 'kysely';
import type { AwardInput, Order, Rfq } from '@gearbridge/contracts/trade';
import type { Client, TestApp } from '../../../test/harness';
import { localDay } from '../../../platform/time';
import type { DB } from '../db';

const DAY = 86_400_000;

/**
 * An awarded order of `qty` pieces from 綦江齿轮传动 (quoted by gear.sales at 860.00) to 荆江半轴 (`buyer`), due in
 * 30 days (lead time 20 days): the RFQ posted, quoted, its deadline passed in the database, awarded whole (with the
 * award's `terms`, the default payment terms without).
 */
export async function awardedGearOrder(
  t: TestApp,
  db: DB,
  buyer: Client,
  sales: Client,
  qty = '120',
  title = '变速箱壳体 月度采购',
  terms: Omit<AwardInput, 'awards'> = {},
): Promise<Order> {
  const rfq: Rfq = (
    await buyer.post('/api/trade/rfqs', {
      title,
      vertical: 'gear',
      attributes: {},
      quantity: qty,
      deliveryDate: localDay(Date.now() + 30 * DAY),
      deliveryPlace: '荆江半轴 綦江厂区',
      visibility: 'invited',
      invitedOrgIds: [await t.orgId('綦江齿轮传动有限公司')],
      deadline: new Date(Date.now() + 2 * DAY).toISOString(),
    })
  ).json();
  const quote = await sales.request('PUT', `/api/trade/rfqs/${rfq.id}/quote`, {
    tiers: [{ minQuantity: '0', unitPrice: '860.00' }],
    leadTimeDays: 20,
    validUntil: localDay(Date.now() + 40 * DAY),
  });
  expect(quote.statusCode, quote.body).toBe(200);
  await db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'` }).where('id', '=', rfq.id).execute();
  const awarded = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { ...terms, awards: [{ quoteId: quote.json().id, quantity: qty }] });
  expect(awarded.statusCode, awarded.body).toBe(201);
  return (awarded.json() as Order[])[0];
}
