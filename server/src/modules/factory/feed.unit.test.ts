import { describe, expect, it } from 'vitest';
import { FEED_SILENT_S, feedOf } from './telemetry.service';

describe('feedOf: is the plant feed running?', () => {
  const now = Date.parse('2026-12-06T20:00:00Z');
  it('is live while some device sent data within a minute', () => {
    expect(feedOf(new Date(now - 5_000), now)).toEqual({ live: true, silentS: 5, staleAfterS: FEED_SILENT_S });
    expect(feedOf(new Date(now - FEED_SILENT_S * 1000), now).live).toBe(true);
  });
  it('is stopped after a minute of silence (broker down, ingest off, devices gone), saying for how long', () => {
    expect(feedOf(new Date(now - 61_000), now)).toEqual({ live: false, silentS: 61, staleAfterS: FEED_SILENT_S });
    expect(feedOf(new Date(now - 3 * 3600_000), now)).toMatchObject({ live: false, silentS: 3 * 3600 });
  });
  it('is not running when no device ever sent anything', () => {
    expect(feedOf(null, now)).toEqual({ live: false, silentS: null, staleAfterS: FEED_SILENT_S });
  });
});
