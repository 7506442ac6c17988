import { AGV_METRICS } from '@gearbridge/plant';
import { isAgvStatus, type AgvAnswer } from '../logistics/agv';
import type { TelemetryRow } from './rows';

/**
 * An AGV's answers in one message's rows (`rows[first…]`, all of one device): every timestamp with a non-null
 * `agv/status` is one answer, with the `agv/order` and `agv/reason` of that timestamp (plant/src/production.ts).
 * An answer without an order number or with an unknown status is returned as `invalid`, for a dead letter; the
 * values stay stored as telemetry either way.
 */
export function agvAnswersOf(rows: TelemetryRow[], first: number, nameOf: (metric: number) => string | undefined): { answers: AgvAnswer[]; invalid: string[] } {
  const at = new Set<number>();
  // A BIRTH declares the metrics with null values: no answer.
  for (let k = first; k < rows.length; k++) if (rows[k].text !== null && nameOf(rows[k].metric) === AGV_METRICS.status) at.add(rows[k].ts);
  const answers: AgvAnswer[] = [];
  const invalid: string[] = [];
  for (const ts of at) {
    let order: string | null = null;
    let status: string | null = null;
    let reason: string | null = null;
    for (let k = first; k < rows.length; k++) {
      const r = rows[k];
      if (r.ts !== ts) continue;
      const name = nameOf(r.metric);
      if (name === AGV_METRICS.order) order = r.text?.trim() || null;
      else if (name === AGV_METRICS.status) status = r.text;
      else if (name === AGV_METRICS.reason) reason = r.text;
    }
    if (!order || order.length > 60) invalid.push(`agv/status ${JSON.stringify(status)} without an agv/order (or one longer than 60 characters)`);
    else if (!isAgvStatus(status)) invalid.push(`agv/status is ${JSON.stringify(status)}: expected accepted, picked, delivered or failed`);
    else answers.push({ device: rows[first].device, ts, order, status, reason });
  }
  return { answers, invalid };
}
