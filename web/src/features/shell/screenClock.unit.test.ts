import { afterEach, describe, expect, it } from 'vitest';
import { chinaDay, chinaYear, screenClock } from './screenClock';

/** The 大屏 clock reads China time whatever zone the browser (here: the process) is set to. */
// The test runs in Node: its TZ stands for the browser's zone (Node re-reads it when assigned).
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

describe('screenClock', () => {
  const zone = env.TZ;
  afterEach(() => {
    if (zone === undefined) delete env.TZ;
    else env.TZ = zone;
  });
  // 2026-12-31 16:30:05 UTC is 2027-01-01 00:30:05 in China (UTC+8, no daylight saving), a Friday.
  const newYear = Date.UTC(2026, 11, 31, 16, 30, 5);

  for (const tz of ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Shanghai', 'Pacific/Auckland']) {
    it(`shows China's time, day and weekday in a browser set to ${tz}`, () => {
      env.TZ = tz;
      expect(screenClock(newYear, 'zh-CN')).toEqual({ time: '00:30:05', date: '2027-01-01 星期五' });
      expect(screenClock(newYear, 'en')).toEqual({ time: '00:30:05', date: '2027-01-01 Friday' });
    });
  }

  it('differs from the browser’s own clock where the browser is elsewhere (the bug it replaces)', () => {
    env.TZ = 'America/New_York';
    const local = new Date(newYear);
    expect([local.getFullYear(), local.getHours()]).toEqual([2026, 11]);
    expect(screenClock(newYear, 'zh-CN').date.startsWith('2027-01-01')).toBe(true);
  });

  it('keeps a 24-hour clock with two digits, noon and the hour before midnight', () => {
    expect(screenClock(Date.UTC(2026, 5, 1, 4, 0, 0), 'en').time).toBe('12:00:00');
    expect(screenClock(Date.UTC(2026, 5, 1, 15, 59, 59), 'en')).toEqual({ time: '23:59:59', date: '2026-06-01 Monday' });
    expect(screenClock(Date.UTC(2026, 5, 1, 16, 0, 0), 'zh-CN')).toEqual({ time: '00:00:00', date: '2026-06-02 星期二' });
  });

  it("gives China's day and year, not the browser's: the talent 大屏 and statistics count to this year", () => {
    env.TZ = 'America/New_York';
    expect(new Date(newYear).getFullYear()).toBe(2026);
    expect(chinaYear(newYear)).toBe(2027);
    expect(chinaDay(newYear)).toBe('2027-01-01');
    // Eight hours earlier it is still the old year in China too.
    expect(chinaYear(newYear - 8 * 3_600_000)).toBe(2026);
  });
});
