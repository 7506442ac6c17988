import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { ParseGate } from './parse-gate';

/** A task that runs until released. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((r) => {
    release = r;
  });
  return { release, task: () => done };
}

describe('ParseGate', () => {
  it('runs one at a time, lets a bounded number wait in order, and refuses the rest with 429 and Retry-After', async () => {
    const gate = new ParseGate({ concurrency: 1, maxWaiting: 2, maxWaitMs: 60_000, retryAfterSeconds: 5 });
    const order: string[] = [];
    const a = held();
    const first = gate.run(async () => {
      order.push('a');
      await a.task();
    });
    const second = gate.run(async () => {
      order.push('b');
    });
    const third = gate.run(async () => {
      order.push('c');
    });
    expect(gate.load).toEqual({ running: 1, waiting: 2 });
    const refused = await gate.run(async () => order.push('d')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'rate_limited', key: 'platform.import.busy', retryAfterSeconds: 5 });
    expect(order).toEqual(['a']);
    a.release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a waiter whose turn does not come in time, and frees the slot when a task fails', async () => {
    const gate = new ParseGate({ concurrency: 1, maxWaiting: 4, maxWaitMs: 20, retryAfterSeconds: 1 });
    const a = held();
    const first = gate.run(a.task);
    await expect(gate.run(async () => 'late')).rejects.toMatchObject({ key: 'platform.import.busy' });
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    a.release();
    await first;
    await expect(
      gate.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
