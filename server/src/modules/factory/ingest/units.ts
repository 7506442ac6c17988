import { UNIT_METRICS } from '@gearbridge/plant';
import type { UnitEventIn } from '../production/unit-events';
import type { TelemetryRow } from './rows';

const MEAS = 'meas/';
const LOT = 'unit/lot/';
const TOOL = 'unit/tool/';

/**
 * The unit reports in one message's rows (`rows[first…]`, all of one device): every timestamp that carries a
 * non-null `unit/event` is one report, made of the `unit/*`, `meas/*`, `unit/lot/*` and `unit/tool/*` values at that timestamp
 * (plant/src/production.ts). A report without a serial or with an unknown event is returned as `invalid` with
 * the reason, for a dead letter; the values stay stored as telemetry either way.
 */
export function unitEventsOf(rows: TelemetryRow[], first: number, nameOf: (metric: number) => string | undefined): { events: UnitEventIn[]; invalid: string[] } {
  const at = new Set<number>();
  // A BIRTH declares the event metrics with null values (Sparkplug is_null): no report, nothing to refuse.
  for (let k = first; k < rows.length; k++) if (rows[k].text !== null && nameOf(rows[k].metric) === UNIT_METRICS.event) at.add(rows[k].ts);
  const events: UnitEventIn[] = [];
  const invalid: string[] = [];
  for (const ts of at) {
    const e: UnitEventIn = {
      device: rows[first].device,
      ts,
      event: 'start',
      serial: '',
      result: null,
      defect: null,
      productId: null,
      measurements: {},
      lots: {},
      tools: {},
      source: 'device',
      operatorId: null,
    };
    let event: string | null = null;
    for (let k = first; k < rows.length; k++) {
      const r = rows[k];
      if (r.ts !== ts) continue;
      const name = nameOf(r.metric);
      if (!name) continue;
      if (name === UNIT_METRICS.event) event = r.text;
      else if (name === UNIT_METRICS.serial) e.serial = (r.text ?? '').trim();
      else if (name === UNIT_METRICS.result) e.result = r.text === 'NOK' ? 'NOK' : r.text === 'OK' ? 'OK' : null;
      else if (name === UNIT_METRICS.defect) e.defect = r.text;
      else if (name === UNIT_METRICS.productId) e.productId = r.text;
      else if (name.startsWith(MEAS) && r.value !== null && Number.isFinite(r.value)) e.measurements[name.slice(MEAS.length)] = r.value;
      else if (name.startsWith(LOT) && r.text) e.lots[name.slice(LOT.length)] = r.text.trim();
      else if (name.startsWith(TOOL) && r.text?.trim()) e.tools![name.slice(TOOL.length)] = r.text.trim();
    }
    if (event !== 'start' && event !== 'complete') {
      invalid.push(`unit/event is ${JSON.stringify(event)}: expected "start" or "complete"`);
      continue;
    }
    e.event = event;
    if (!e.serial || e.serial.length > 60) {
      invalid.push(`unit/${event} without a unit/serial (or one longer than 60 characters)`);
      continue;
    }
    if (event === 'complete' && e.result === null) {
      invalid.push(`unit/complete of ${e.serial} without unit/result OK or NOK`);
      continue;
    }
    events.push(e);
  }
  return { events, invalid };
}
