import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../platform/authz';
import { startTestApp, type TestApp } from '../../test/harness';
import { addTestDevice, addTestLine } from './test/lines';
import { factoryDb, factoryHandle, type DB } from './db';
import { createWriter, type Batch } from './ingest/writer';
import { createOeeCache, OEE_MAX_AGE_MS, OEE_REFRESH_MS, type OeeCache } from './oee-cache';
import { lineOee, plantOee } from './oee.service';
import { counterIncreases, readRollups } from './ingest/rollups';
import { counterIncrease } from './oee/intervals';

let t: TestApp;
let db: DB;
let lineId: string;
let device: number;
let part: number;
let bad: number;
let actor: Actor;
const day = '2026-11-20';
// Shift A of 2026-11-20 runs 00:00Z–08:00Z (08–16 Beijing time); the clock stands inside it, so it is in progress.
const t0 = Date.parse('2026-11-20T03:00:00Z');
let clock = t0;
let cache: OeeCache;

beforeAll(async () => {
  t = await startTestApp();
  db = factoryDb(t.platform.handle.db);
  const line = await addTestLine(db, await t.orgId('綦江齿轮传动有限公司'), 'T9', '缓存测试线');
  lineId = line.id;
  device = (await addTestDevice(db, line, 'T9-CNC01', 30)).num;
  const metric = async (name: string) =>
    (await db.insertInto('factory_metrics').values({ device_num: device, name, datatype: 'Int64', unit: null }).returning('id').executeTakeFirstOrThrow()).id;
  part = await metric('part_count');
  bad = await metric('bad_count');
  // Running since before the shift (still open), 500 made before it began.
  await db
    .insertInto('factory_state_intervals')
    .values({ device_num: device, state: 'running', reason_code: null, started_at: new Date('2026-11-19T23:00:00Z'), ended_at: null })
    .execute();
  await db
    .insertInto('factory_telemetry_1m')
    .values(
      [part, bad].map((metric_id) => ({
        device_num: device,
        metric_id,
        bucket: new Date('2026-11-19T23:59:00Z'),
        n: 1,
        sum: 0,
        min: 0,
        max: 0,
        last: metric_id === part ? 500 : 0,
        last_ts: new Date('2026-11-19T23:59:00Z'),
      })),
    )
    .execute();
  const manager = await db.selectFrom('users').select(['id', 'org_id']).where('username', '=', 'gear.manager').executeTakeFirstOrThrow();
  actor = {
    userId: manager.id,
    username: 'gear.manager',
    displayName: 'gear.manager',
    orgId: manager.org_id!,
    orgKind: 'enterprise',
    platformAdmin: false,
    grants: [{ roleCode: 'test', permissions: new Set(['factory.read']), regionCode: null }],
    requestId: 'test',
    ip: null,
  };
  // Fresh for OEE_REFRESH_MS whatever the computation cost on a slow test machine.
  cache = createOeeCache(db, { clock: () => clock, costFactor: 0 });
});
afterAll(() => t?.close());

const cachedPlant = async () => JSON.parse((await cache.plant(actor, { day })).toString());
const cachedLine = async () => JSON.parse((await cache.line(actor, lineId, day)).toString());
/** The same answers computed afresh for the cached figures' `asOf`, as the wire carries them. */
const freshPlant = async (asOf: string) => JSON.parse(JSON.stringify(await plantOee(db, actor, { day }, Date.parse(asOf))));
const freshLine = async (asOf: string) => JSON.parse(JSON.stringify(await lineOee(db, actor, lineId, day, Date.parse(asOf))));
type Figures = { total: number; performance: number; states: Record<string, number> };
/** The test line's day in a plant answer. */
const mine = (plant: { lines: { lineId: string; total: Figures }[] }): Figures => plant.lines.find((l) => l.lineId === lineId)!.total;

/** Telemetry as the ingest writes it: raw counter rows (their minute marked for the rollup job) and a state change. */
async function ingest(b: Partial<Batch>) {
  const writer = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl);
  try {
    await writer.write({ rows: [], states: [], alarms: [], deadLetters: [], events: [], seen: new Map(), ...b });
  } finally {
    await writer.close();
  }
}

describe('the OEE cache', () => {
  it('serves figures computed at asOf, equal to a fresh computation; after new telemetry it recomputes, still equal', async () => {
    const first = await cachedPlant();
    expect(first.asOf).toBe(new Date(t0).toISOString());
    expect(first).toEqual(await freshPlant(first.asOf));
    expect(await cachedLine()).toEqual(await freshLine(first.asOf));
    expect(first.shifts.map((s: { code: string; inProgress: boolean }) => [s.code, s.inProgress])).toEqual([
      ['A', true],
      ['C', false],
    ]);
    expect(first).not.toHaveProperty('devices'); // the plant's answer carries no per-device figures
    expect(mine(first).total).toBe(0);

    // New telemetry: 40 made and 3 bad in the minute before the clock, and a breakdown from 02:50Z.
    await ingest({
      rows: [
        { device, metric: part, ts: Date.parse('2026-11-20T02:59:10Z'), value: 540, text: null },
        { device, metric: bad, ts: Date.parse('2026-11-20T02:59:20Z'), value: 3, text: null },
      ],
      states: [{ device, ts: Date.parse('2026-11-20T02:50:00Z'), state: 'down', reason: 2001 }],
    });

    // Within OEE_REFRESH_MS the cached figures are served as they are, and say how old they are.
    clock = t0 + OEE_REFRESH_MS - 1;
    expect(await cachedPlant()).toEqual(first);

    // Older: still served (with its asOf), while one recomputation for the new clock runs.
    clock = t0 + OEE_REFRESH_MS + 1_000;
    expect((await cachedPlant()).asOf).toBe(first.asOf);
    await vi.waitFor(async () => expect((await cachedPlant()).asOf).toBe(new Date(clock).toISOString()));
    const second = await cachedPlant();
    expect(second).toEqual(await freshPlant(second.asOf));
    expect(await cachedLine()).toEqual(await freshLine(second.asOf));
    expect(mine(second)).toMatchObject({ total: 40, good: 37, failures: 1 });
    expect(mine(second).states.down).toBe(10 * 60 + OEE_REFRESH_MS / 1000 + 1);

    // The job rolls the minute up; past OEE_MAX_AGE_MS a request waits for figures computed for its own clock.
    const writer = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl);
    try {
      await writer.rollUp(Date.parse('2026-11-20T03:10:00Z'));
    } finally {
      await writer.close();
    }
    clock = t0 + OEE_REFRESH_MS + 1_000 + OEE_MAX_AGE_MS;
    const third = await cachedPlant();
    expect(third.asOf).toBe(new Date(clock).toISOString());
    expect(third).toEqual(await freshPlant(third.asOf));
    expect(await cachedLine()).toEqual(await freshLine(third.asOf));
    expect(mine(third)).toMatchObject({ total: 40, good: 37 });
  });

  it('drops an organisation’s days when told (a calendar or device change)', async () => {
    const before = await cachedPlant();
    await db.updateTable('factory_devices').set({ ideal_cycle_s: 60 }).where('num', '=', device).execute();
    expect(await cachedPlant()).toEqual(before);
    cache.invalidate(actor.orgId);
    const after = await cachedPlant();
    expect(after.asOf).toBe(new Date(clock).toISOString());
    expect(after).toEqual(await freshPlant(after.asOf));
    expect(mine(after).performance).toBeCloseTo(2 * mine(before).performance, 9);
  });

  it('keeps a day that was slow to compute fresh for longer: ten times its cost, up to half the maximum age', async () => {
    // A cost factor no computation can stay under: every day is fresh for OEE_MAX_AGE_MS / 2.
    let now = t0;
    const slow = createOeeCache(db, { clock: () => now, costFactor: 1e9 });
    const plant = async () => JSON.parse((await slow.plant(actor, { day })).toString());
    const first = await plant();
    now = t0 + OEE_MAX_AGE_MS / 2 - 1;
    expect((await plant()).asOf).toBe(first.asOf);
    await new Promise((r) => setTimeout(r, 50));
    expect((await plant()).asOf).toBe(first.asOf); // no recomputation was started
    now = t0 + OEE_MAX_AGE_MS / 2;
    expect((await plant()).asOf).toBe(first.asOf); // stale: served, and one recomputation runs
    await vi.waitFor(async () => expect((await plant()).asOf).toBe(new Date(now).toISOString()));
  });

  it('checks the scope before anything is served', async () => {
    const linyi = { ...actor, orgId: await t.orgId('临沂市人力资源和社会保障局') };
    await expect(cache.plant(linyi, { orgId: actor.orgId, day })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(cache.line(linyi, lineId, day)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('counterIncreases (the counts OEE reads, summed in the database)', () => {
  it('equals counterIncrease over the same minutes: baselines, restarts, a counter first seen inside a span, a minute still marked', async () => {
    const m = async (name: string) =>
      (await db.insertInto('factory_metrics').values({ device_num: device, name, datatype: 'Int64', unit: null }).returning('id').executeTakeFirstOrThrow()).id;
    const [c1, c2] = [await m('ci_one'), await m('ci_two')];
    const base = Date.parse('2026-11-21T00:00:00Z');
    const minute = (i: number) => new Date(base + i * 60_000);
    // c1: rises, restarts at minute 7 (its new value counts), rises again; c2 first reports inside the second span.
    const values: [number, number, number][] = [
      [c1, -1, 100],
      [c1, 0, 103],
      [c1, 3, 110],
      [c1, 7, 4],
      [c1, 9, 9],
      [c1, 12, 20],
      [c2, 10, 50],
      [c2, 11, 58],
    ];
    await db
      .insertInto('factory_telemetry_1m')
      .values(values.map(([metric_id, i, last]) => ({ device_num: device, metric_id, bucket: minute(i), n: 1, sum: last, min: last, max: last, last, last_ts: minute(i) })))
      .execute();
    // Minute 13 of c1 is still marked: readers compute it from the raw rows.
    await ingest({ rows: [{ device, metric: c1, ts: minute(13).getTime() + 5_000, value: 26, text: null }] });
    const spans = [
      { start: base, end: base + 8 * 60_000 },
      { start: base + 8 * 60_000, end: base + 14 * 60_000 },
    ];
    const from = new Date(base - 60_000);
    const to = new Date(base + 14 * 60_000);
    const got = await counterIncreases(db, [c1, c2], from, to, spans);
    const rows = await readRollups(db, [c1, c2], from, to);
    const expected = [c1, c2].flatMap((metricId) =>
      spans.flatMap((sp, span) => {
        const mine = rows.filter((r) => r.metric_id === metricId).map((r) => ({ ts: new Date(r.bucket).getTime(), value: r.last }));
        const inSpan = mine.filter((x) => x.ts >= sp.start && x.ts < sp.end);
        const before = mine.filter((x) => x.ts < sp.start);
        return inSpan.length ? [{ metricId, span, made: counterIncrease(inSpan, before.length ? before[before.length - 1].value : null) }] : [];
      }),
    );
    const order = (a: { metricId: number; span: number }, b: { metricId: number; span: number }) => a.metricId - b.metricId || a.span - b.span;
    expect(got.sort(order)).toEqual(expected.sort(order));
    // By hand: c1 3 + 7 + 4 (restart) = 14, then 5 + 11 + 6 = 22; c2 0 (its first minute is its baseline) + 8.
    expect(got.map((x) => x.made)).toEqual([14, 22, 8]);
  });
});
