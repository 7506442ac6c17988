import { describe, expect, it } from 'vitest';
import { capped, DeadLetterLimiter, KEPT_BYTES, MANY_TOPICS, NO_BIRTH_KEPT_BYTES } from './dead-letters';

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
});
