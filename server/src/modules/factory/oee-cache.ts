import { z } from 'zod';
import { LineOee, PlantOee } from '@gearbridge/contracts/factory';
import type { Actor } from '../../platform/authz';
import type { DB } from './db';
import { localDay } from '../../platform/time';
import { computeOeeDay, lineOrg, lineView, plantOrg, plantView, type OeeDay } from './oee.service';

/**
 * OEE figures per organisation and plant day, computed once and shared by every request for a few seconds.
 *
 * Why: one answer reads a whole day of every device's state intervals and counters (the plant: 180 devices, two
 * counters each, a rollup a minute); at 50 concurrent requests the database, garbage collection and zod encoding
 * of a 275 kB answer held the plant's OEE to ~100 requests a second. The figures move with the clock (a shift in
 * progress is counted up to `now`) and with every committed batch, so there is no event to invalidate on — the
 * rollup job changes nothing a reader sees (readers compute still-marked minutes from the raw rows) — and a time
 * bound is the honest rule: every answer says `asOf`, the `now` its figures were computed for, and
 * - younger than `refreshMs` (5 s, the rollup job's interval) — or than ten times what computing it took, up to
 *   half of `maxAgeMs` (late in the day a plant's day reads ~500k counter minutes: recomputing it every 5 s would
 *   keep the database busy for the cache's sake) — served as it is;
 * - older, but younger than `maxAgeMs` (30 s, half the pages' minute): served, and one recomputation starts;
 * - older still, or none: the request waits for the recomputation (one for all requests waiting on it).
 * A change of the shift calendar or of a device drops the organisation's days in this process at once; other
 * processes see it within `refreshMs`. The line's and the plant's answers are views of the same computed day,
 * encoded once (zod, then JSON) per computation and sent as bytes.
 */

/** Figures younger than this are served without recomputing. */
export const OEE_REFRESH_MS = 5_000;
/** Figures are never served older than this: past it a request waits for fresh ones. */
export const OEE_MAX_AGE_MS = 30_000;
/** Days kept (organisation × day); the least recently asked is dropped first. */
const MAX_DAYS = 64;

interface Entry {
  day: OeeDay | null;
  /** Milliseconds its last computation took. */
  costMs: number;
  pending: Promise<OeeDay> | null;
  usedAt: number;
  plant: Buffer | null;
  lines: Map<string, Buffer>;
}

export interface OeeCacheOptions {
  refreshMs?: number;
  maxAgeMs?: number;
  /** The clock (tests move it). */
  clock?: () => number;
  /** A day stays fresh for this many times what computing it took (within refreshMs … maxAgeMs / 2); 10. */
  costFactor?: number;
  /** A recomputation in the background failed (the request that needs it next tries again). */
  onError?: (err: unknown) => void;
}

/** The answer's bytes: encoded by its contract schema, as the route's serializer would, then JSON. */
const encode = <S extends z.ZodType>(schema: S, value: z.input<S>) => Buffer.from(JSON.stringify(z.encode(schema, value as z.output<S>)));

export function createOeeCache(db: DB, opts: OeeCacheOptions = {}) {
  const refreshMs = opts.refreshMs ?? OEE_REFRESH_MS;
  const maxAgeMs = opts.maxAgeMs ?? OEE_MAX_AGE_MS;
  const clock = opts.clock ?? Date.now;
  const costFactor = opts.costFactor ?? 10;
  const entries = new Map<string, Entry>();

  function recompute(e: Entry, orgId: string, day: string) {
    const started = performance.now();
    e.pending ??= computeOeeDay(db, orgId, day, clock())
      .then((d) => {
        e.costMs = performance.now() - started;
        e.day = d;
        e.plant = null;
        e.lines.clear();
        return d;
      })
      .finally(() => (e.pending = null));
    return e.pending;
  }

  async function dayOf(orgId: string, day: string): Promise<Entry> {
    const key = `${orgId} ${day}`;
    let e = entries.get(key);
    if (!e) {
      if (entries.size >= MAX_DAYS) {
        let oldest: string | null = null;
        for (const [k, x] of entries) if (oldest === null || x.usedAt < entries.get(oldest)!.usedAt) oldest = k;
        entries.delete(oldest!);
      }
      entries.set(key, (e = { day: null, costMs: 0, pending: null, usedAt: 0, plant: null, lines: new Map() }));
    }
    const now = clock();
    e.usedAt = now;
    const age = e.day ? now - e.day.asOf : Infinity;
    if (age < Math.max(refreshMs, Math.min(maxAgeMs / 2, costFactor * e.costMs))) return e;
    if (age < maxAgeMs) {
      recompute(e, orgId, day).catch((err) => opts.onError?.(err));
      return e;
    }
    await recompute(e, orgId, day);
    return e;
  }

  return {
    /** The plant's OEE (`PlantOee`) as JSON bytes. */
    async plant(actor: Actor, q: { orgId?: string; day?: string }): Promise<Buffer> {
      const orgId = await plantOrg(db, actor, q.orgId);
      const e = await dayOf(orgId, q.day ?? localDay(clock()));
      return (e.plant ??= encode(PlantOee, plantView(e.day!)));
    },
    /** A line's OEE (`LineOee`) as JSON bytes. */
    async line(actor: Actor, lineId: string, day: string | undefined): Promise<Buffer> {
      const orgId = await lineOrg(db, actor, lineId);
      const e = await dayOf(orgId, day ?? localDay(clock()));
      let bytes = e.lines.get(lineId);
      if (!bytes) e.lines.set(lineId, (bytes = encode(LineOee, lineView(e.day!, lineId))));
      return bytes;
    },
    /** An organisation's computed day, for other views of it (the shift report, the lines' output); the caller checks access. */
    async day(orgId: string, day: string): Promise<OeeDay> {
      return (await dayOf(orgId, day)).day!;
    },
    /** Drops an organisation's days: its calendar or a device changed. */
    invalidate(orgId: string) {
      for (const k of entries.keys()) if (k.startsWith(`${orgId} `)) entries.delete(k);
    },
  };
}

export type OeeCache = ReturnType<typeof createOeeCache>;
