import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness';
import { localDay, localTodaySql } from './time';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('local day (China Standard Time)', () => {
  it('is the next calendar day from 16:00 UTC on', () => {
    expect(localDay(Date.UTC(2026, 10, 29, 15, 59, 59))).toBe('2026-11-29');
    expect(localDay(Date.UTC(2026, 10, 29, 16, 0, 0))).toBe('2026-11-30');
    expect(localDay(Date.UTC(2026, 11, 31, 20, 0, 0))).toBe('2027-01-01');
  });

  it('is the same day in SQL, whatever the session time zone', async () => {
    const db = t.platform.handle.db;
    for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai']) {
      await sql`select set_config('TimeZone', ${zone}, false)`.execute(db);
      const before = localDay();
      const { rows } = await sql<{ d: string }>`select ${localTodaySql}::text as d`.execute(db);
      expect([before, localDay()]).toContain(rows[0].d);
    }
    await sql`select set_config('TimeZone', 'UTC', false)`.execute(db);
  });
});
