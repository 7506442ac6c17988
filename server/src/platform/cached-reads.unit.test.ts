import { describe, expect, it } from 'vitest';
import { CachedReads } from './cached-reads';
import type { DB } from './db';

describe('CachedReads', () => {
  const reads = (maxEntries = 3, maxBytes = 1 << 20) => new CachedReads(null as unknown as DB, maxEntries, maxBytes);

  it('computes once per key and version, and again at a new version', async () => {
    const r = reads();
    let runs = 0;
    const compute = async () => `answer ${++runs}`;
    expect(await r.get('k', 1n, compute)).toBe('answer 1');
    expect(await r.get('k', 1n, compute)).toBe('answer 1');
    expect(await r.get('k', 2n, compute)).toBe('answer 2');
    expect(runs).toBe(2);
  });

  it('shares one computation among requests that miss together, and keeps no failure', async () => {
    const r = reads();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      runs++;
      await gate;
      return 'x';
    };
    const all = Promise.all([r.get('k', 1n, slow), r.get('k', 1n, slow), r.get('k', 1n, slow)]);
    release();
    expect(await all).toEqual(['x', 'x', 'x']);
    expect(runs).toBe(1);
    await expect(r.get('bad', 1n, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await r.get('bad', 1n, async () => 'fine')).toBe('fine');
  });

  it('holds at most maxEntries answers and maxBytes, dropping the least recently used', async () => {
    const r = reads(3);
    for (const k of ['a', 'b', 'c']) await r.get(k, 1n, async () => k);
    await r.get('a', 1n, async () => 'a2'); // a is used: b is now the oldest
    await r.get('d', 1n, async () => 'd');
    expect(r.size).toBe(3);
    expect(await r.get('b', 1n, async () => 'b again')).toBe('b again');
    const small = reads(100, 8 * 1024);
    for (let i = 0; i < 50; i++) await small.get(`k${i}`, 1n, async () => 'y'.repeat(400));
    expect(small.size).toBeLessThanOrEqual(10);
  });
});
