import { describe, expect, it } from 'vitest';
import { agvAnswersOf } from './agv';
import { agvCommand } from '../logistics/agv';
import { decodePayload } from '../sparkplug/codec';
import type { TelemetryRow } from './rows';

/** The AGV's side of a transfer order on the wire (plant/src/production.ts AGV_METRICS). */
const NAMES = ['agv/order', 'agv/status', 'agv/reason', 'battery'];
const nameOf = (id: number) => NAMES[id];
const row = (metric: number, ts: number, text: string | null, value: number | null = null): TelemetryRow => ({ device: 7, metric, ts, value, text });

describe('AGV answers in a DDATA', () => {
  it('reads one answer per timestamp with its order, status and reason', () => {
    const rows = [row(3, 1000, null, 80), row(0, 1000, 'TO-000001'), row(1, 1000, 'accepted'), row(0, 2000, 'TO-000001'), row(1, 2000, 'failed'), row(2, 2000, 'charging')];
    expect(agvAnswersOf(rows, 0, nameOf)).toEqual({
      answers: [
        { device: 7, ts: 1000, order: 'TO-000001', status: 'accepted', reason: null },
        { device: 7, ts: 2000, order: 'TO-000001', status: 'failed', reason: 'charging' },
      ],
      invalid: [],
    });
  });

  it('takes the BIRTH’s null declarations for no answer, and returns an answer without an order or with an unknown status as invalid', () => {
    expect(agvAnswersOf([row(0, 1000, null), row(1, 1000, null), row(2, 1000, null)], 0, nameOf)).toEqual({ answers: [], invalid: [] });
    const r = agvAnswersOf([row(1, 1000, 'delivered'), row(0, 2000, 'TO-000002'), row(1, 2000, 'lost')], 0, nameOf);
    expect(r.answers).toEqual([]);
    expect(r.invalid).toEqual([
      'agv/status "delivered" without an agv/order (or one longer than 60 characters)',
      'agv/status is "lost": expected accepted, picked, delivered or failed',
    ]);
  });
});

describe('the DCMD of a transfer order', () => {
  it('goes to the AGV device’s DCMD topic with the String metrics agv/order, agv/from, agv/to', () => {
    const c = agvCommand({ number: 'TO-000003', from: 'LINE-END', to: 'FG-WH', group: 'qijiang-gear', node: 'line-1', device: 'L1-AGV01' }, 1_765_000_000_000);
    expect(c.topic).toBe('spBv1.0/qijiang-gear/DCMD/line-1/L1-AGV01');
    const p = decodePayload(c.payload);
    expect(p.metrics.map((m) => [m.name, m.type, m.value])).toEqual([
      ['agv/order', 'String', 'TO-000003'],
      ['agv/from', 'String', 'LINE-END'],
      ['agv/to', 'String', 'FG-WH'],
    ]);
  });
});
