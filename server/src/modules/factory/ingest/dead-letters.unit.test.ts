import { describe, expect, it } from 'vitest';
import { capped, DeadLetterLimiter, isDataRefusal, KEPT_BYTES, MANY_TOPICS, NO_BIRTH_KEPT_BYTES } from './dead-letters';

const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);
const row = (topic: string, reason = 'bad_json', payload = Buffer.from('x')) => ({ at: T0, topic, reason, detail: 'd', payload });

describe('capped', () => {
  it('keeps the first KiB with the size and hash; no_birth whole up to 256 KiB, since it is read again', () => {
    const big = Buffer.alloc(5000, 1);
    expect(capped(row('a', 'bad_json', big))).toMatchObject({ size: 5000, truncated: true, messages: 1 });
    expect(capped(row('a', 'bad_json', big)).payload).toHaveLength(KEPT_BYTES);
    expect(capped(row('a', 'no_birth', big))).toMatchObject({ size: 5000, truncated: false });
    expect(capped(row('a', 'no_birth', Buffer.alloc(NO_BIRTH_KEPT_BYTES + 1))).payload).toHaveLength(KEPT_BYTES);
    expect(capped(row('a', 'bad_json', Buffer.from('short')))).toMatchObject({ size: 5, truncated: false, payload: Buffer.from('short') });
  });
});

describe('DeadLetterLimiter', () => {
  it('stores the first n a minute of a topic and counts the rest in one summary row; refills after a minute', () => {
    const l = new DeadLetterLimiter({ perTopicPerMinute: 3, perMinute: 100, maxTopics: 10 });
    const first = l.admit(
      Array.from({ length: 10 }, () => row('t/1')),
      T0,
    );
    expect(first.suppressed).toBe(7);
    expect(first.stored.filter((r) => r.summaryKey === null)).toHaveLength(3);
    expect(first.stored.filter((r) => r.summaryKey !== null).map((r) => [r.topic, r.messages])).toEqual([['t/1', 7]]);
    // Another topic has its own allowance.
    expect(l.admit([row('t/2')], T0).suppressed).toBe(0);
    // A minute later the topic may store three again.
    expect(
      l.admit(
        Array.from({ length: 3 }, () => row('t/1')),
        T0 + 60_000,
      ).suppressed,
    ).toBe(0);
  });

  it('never rate-limits DATA waiting for its BIRTH (no_birth): it is data, read again later', () => {
    const l = new DeadLetterLimiter({ perTopicPerMinute: 1, perMinute: 1, maxTopics: 1 });
    expect(
      l.admit(
        Array.from({ length: 50 }, () => row('t', 'no_birth')),
        T0,
      ),
    ).toMatchObject({ suppressed: 0 });
  });

  it('bounds the rows of a flood over ever-new topics by the overall limit', () => {
    const l = new DeadLetterLimiter({ perTopicPerMinute: 5, perMinute: 20, maxTopics: 50 });
    const r = l.admit(
      Array.from({ length: 5000 }, (_, i) => row(`t/${i}`)),
      T0,
    );
    const summaries = r.stored.filter((x) => x.summaryKey !== null);
    expect(r.stored.length - summaries.length).toBe(20);
    expect(summaries.map((s) => s.topic)).toEqual([MANY_TOPICS]);
    expect(summaries[0].messages).toBe(4980);
  });

  it('logs suppressed ones at most once a minute', () => {
    const l = new DeadLetterLimiter({ perTopicPerMinute: 1, perMinute: 100, maxTopics: 10 });
    l.admit([row('t'), row('t'), row('t')], T0);
    expect(l.logLine(T0)).toEqual({ suppressed: 2, topics: ['t'] });
    l.admit([row('t')], T0 + 1000);
    expect(l.logLine(T0 + 1000)).toBeNull();
    expect(l.logLine(T0 + 61_000)).toEqual({ suppressed: 1, topics: ['t'] });
  });

  it("stores every refusal of a unit report or an AGV answer, over any limit — they are data — and keeps a message's bytes once", () => {
    expect(['unit_op_repeated', 'unit_event_invalid', 'agv_order_unknown', 'agv_answer_invalid'].every(isDataRefusal)).toBe(true);
    expect(['bad_json', 'conflicting_value', 'no_birth'].some(isDataRefusal)).toBe(false);
    const l = new DeadLetterLimiter({ perTopicPerMinute: 1, perMinute: 1, maxTopics: 1 });
    const message = Buffer.alloc(3000, 7);
    // One message whose 40 reports were all refused, then 40 more messages of one report each, on other topics too.
    const first = l.admit(
      Array.from({ length: 40 }, (_, i) => ({ ...row('s/1', 'unit_op_repeated', message), detail: `U${i}` })),
      T0,
    );
    const more = l.admit(
      Array.from({ length: 40 }, (_, i) => row(`s/${i}`, i % 2 ? 'agv_order_unknown' : 'unit_not_born', Buffer.from(`m${i}`))),
      T0,
    );
    expect(first.suppressed + more.suppressed).toBe(0);
    expect([...first.stored, ...more.stored].every((r) => r.summaryKey === null && r.messages === 1)).toBe(true);
    expect(first.stored.map((r) => r.detail)).toEqual(Array.from({ length: 40 }, (_, i) => `U${i}`));
    // The message's first KiB once; the other 39 name it by size and hash.
    expect(first.stored[0]).toMatchObject({ size: 3000, truncated: true });
    expect(first.stored[0].payload).toHaveLength(KEPT_BYTES);
    for (const r of first.stored.slice(1)) expect(r).toMatchObject({ payload: null, size: 3000, sha256: first.stored[0].sha256, truncated: true });
    expect(more.stored.map((r) => r.payload?.toString())).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    // They use no allowance: a bad message of the same minute is still stored.
    expect(l.admit([row('x')], T0).suppressed).toBe(0);
  });

  it('logs refusals at most once a minute, with the count by reason', () => {
    const l = new DeadLetterLimiter();
    l.admit([row('a', 'unit_op_repeated'), row('a', 'unit_op_repeated'), row('b', 'agv_order_unknown')], T0);
    expect(l.refusalLine(T0)).toEqual({ refused: 3, reasons: { unit_op_repeated: 2, agv_order_unknown: 1 }, topics: ['a', 'b'] });
    for (let i = 0; i < 1000; i++) l.admit([row(`t/${i}`, 'unit_not_born')], T0 + 1000 + i);
    expect(l.refusalLine(T0 + 2000)).toBeNull();
    const next = l.refusalLine(T0 + 60_000)!;
    expect(next).toMatchObject({ refused: 1000, reasons: { unit_not_born: 1000 } });
    expect(next.topics).toHaveLength(5);
    // Not the rate limit's line: nothing was suppressed.
    expect(l.logLine(T0 + 60_000)).toBeNull();
  });
});
