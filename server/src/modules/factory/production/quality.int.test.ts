import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { recordUnitEvent } from './unit-events';
import { AUTO_STUDY_SUBGROUPS, monitorSpc } from './quality.service';
import { factoryDb } from '../db';

let t: TestApp;
let quality: Client;
let operator: Client;
let manager: Client;
let charId: string;

const MIN = 60_000;
const T0 = Date.now() - 3 * 86_400_000;
/** In control: the joint face flatness near 0.020 mm, a deterministic wobble (no randomness in a test). */
const inControl = (i: number) => 0.02 + 0.003 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.31);

async function measure(serial: string, value: number, ts: number) {
  const db = t.platform.handle.db;
  const dev = await db.selectFrom('factory_devices').select('num').where('code', '=', 'L7-CNC01').executeTakeFirstOrThrow();
  const r = await db.transaction().execute((trx) =>
    recordUnitEvent(rawQueryOf(trx), {
      device: dev.num,
      ts,
      event: 'complete',
      serial,
      result: 'OK',
      defect: null,
      productId: null,
      measurements: { FLAT_JOINT: value },
      lots: {},
      source: 'device',
      operatorId: null,
    }),
  );
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

beforeAll(async () => {
  t = await startTestApp();
  [quality, operator, manager] = await Promise.all([t.login('gear.quality'), t.login('gear.operator'), t.login('gear.manager')]);
  const chars = (await quality.get(`/api/factory/quality/characteristics`)).json() as { id: string; code: string; lineCode: string }[];
  charId = chars.find((c) => c.code === 'FLAT_JOINT' && c.lineCode === 'L7')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('SPC on a characteristic', () => {
  it('makes the first study by itself once 25 subgroups exist, then freezes the limits and raises a rule violation as an andon alarm', async () => {
    // 24 subgroups of 5: not enough for the first study.
    for (let i = 0; i < 120; i++) await measure(`Q-${i}`, inControl(i), T0 + i * MIN);
    expect(await monitorSpc(factoryDb(t.platform.handle.db))).toEqual({ studies: 0, signals: 0 });
    for (let i = 120; i < AUTO_STUDY_SUBGROUPS * 5; i++) await measure(`Q-${i}`, inControl(i), T0 + i * MIN);
    expect((await monitorSpc(factoryDb(t.platform.handle.db))).studies).toBe(1);

    const first = (await quality.get(`/api/factory/quality/characteristics/${charId}/chart`)).json();
    expect(first.limits).toMatchObject({ revision: 1, studyValues: 125, createdBy: null });
    // The system's reason is a message the web renders in the reader's language, with its English beside.
    expect(first.limits.reasonRef).toEqual({ key: 'factory.spc.first_study', params: { count: AUTO_STUDY_SUBGROUPS } });
    expect(first.limits.reason).toBe(`The system's first study: the first ${AUTO_STUDY_SUBGROUPS} subgroups`);
    const { centre, ucl, lcl } = first.limits.limits.location;
    expect(lcl).toBeLessThan(centre);
    expect(centre).toBeCloseTo(0.02, 2);
    expect(first.chart.location).toHaveLength(25);
    expect(first.capability).toMatchObject({ lsl: null, usl: 0.05, cp: null, cpl: null });
    expect(first.capability.cpu).toBeGreaterThan(1.33);

    // Ten more subgroups, the last two shifted up by more than the limits allow: rule WE1 fires on the chart.
    const start = AUTO_STUDY_SUBGROUPS * 5;
    for (let i = start; i < start + 50; i++) await measure(`Q-${i}`, inControl(i) + (i >= start + 40 ? ucl - centre + 0.004 : 0), T0 + i * MIN);
    const round = await monitorSpc(factoryDb(t.platform.handle.db));
    expect(round.signals).toBeGreaterThan(0);
    // A second round finds nothing new: each violation is raised once.
    expect((await monitorSpc(factoryDb(t.platform.handle.db))).signals).toBe(0);

    const chart = (await quality.get(`/api/factory/quality/characteristics/${charId}/chart`)).json();
    // The limits stayed those of revision 1: a new window does not move them.
    expect(chart.limits.limits.location).toEqual({ centre, ucl, lcl });
    const we1 = chart.chart.violations.filter((v: { rule: string }) => v.rule === 'we1');
    expect(we1.map((v: { trigger: number }) => v.trigger)).toEqual([33, 34]);
    const alarms = (await manager.get('/api/factory/alarms?state=open&pageSize=100')).json().items as { source: string; code: string; deviceCode: string }[];
    expect(alarms).toContainEqual(expect.objectContaining({ source: 'spc', code: 'FLAT_JOINT:we1', deviceCode: 'L7-CNC01' }));
    const overview = (await quality.get('/api/factory/quality/overview')).json();
    expect(overview.signals.some((s: { code: string; rule: string }) => s.code === 'FLAT_JOINT' && s.rule === 'we1')).toBe(true);
  });

  it('raises a nonconformance record from an SPC signal: its line and operation from the signal, quality engineers of the plant only', async () => {
    const signals = (await quality.get('/api/factory/quality/overview')).json().signals as { id: number; code: string; rule: string; lineCode: string }[];
    const signal = signals.find((s) => s.code === 'FLAT_JOINT' && s.rule === 'we1')!;
    expect(signal).toMatchObject({ lineCode: 'L7' });
    const body = { source: 'spc_signal', spcSignalId: signal.id, description: 'FLAT_JOINT 均值超上控制限（WE1）：检查 OP10 夹具', quantity: 10 };
    // Not a quality engineer, another organisation, no session: refused, and nothing written.
    expect((await operator.post('/api/factory/ncrs', body)).statusCode).toBe(403);
    // Another organisation's administrator may raise NCRs in their own plant, but does not see this signal at all.
    const other = await (await t.login('ck.admin')).post('/api/factory/ncrs', body);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.key).toBe('factory.ncr.spc_signal_not_found');
    expect((await (await t.login('park.officer')).post('/api/factory/ncrs', body)).statusCode).toBe(403);
    expect((await t.anonymous().post('/api/factory/ncrs', body)).statusCode).toBe(401);
    // A signal that does not exist is a 404 with its message; a malformed id a 400 naming the field.
    const missing = await quality.post('/api/factory/ncrs', { ...body, spcSignalId: 2_000_000_000 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.key).toBe('factory.ncr.spc_signal_not_found');
    const bad = await quality.post('/api/factory/ncrs', { ...body, spcSignalId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('spcSignalId');
    // A signal goes with the source "SPC signal", and that source with a signal.
    for (const wrong of [
      { ...body, source: 'manual' },
      { source: 'spc_signal', description: '无信号', quantity: 1 },
    ]) {
      const r = await quality.post('/api/factory/ncrs', wrong);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.fieldMessages.spcSignalId).toEqual({ key: 'factory.ncr.spc_signal_source' });
    }
    expect(await t.auditCount({ action: 'factory.ncr.create' })).toBe(0);

    const res = await quality.post('/api/factory/ncrs', body);
    expect(res.statusCode, res.body).toBe(201);
    const ncr = res.json();
    // FLAT_JOINT is measured at L7's OP10: the record names that line and operation, and the signal it came from.
    expect(ncr).toMatchObject({ source: 'spc_signal', spcSignalId: signal.id, lineCode: 'L7', op: 'OP10', status: 'open', quantity: 10 });
    // The unit whose measurement made the signal's point is contained with the record: on hold, named by it.
    const signalUnit = await t.platform.handle.db.selectFrom('factory_spc_signals').select('unit_id').where('id', '=', signal.id).executeTakeFirstOrThrow();
    expect(signalUnit.unit_id).not.toBeNull();
    expect(ncr.units).toBe(1);
    const detail = (await quality.get(`/api/factory/ncrs/${ncr.id}`)).json();
    expect(detail.unitList.map((u: { id: number; held: boolean }) => [u.id, u.held])).toEqual([[Number(signalUnit.unit_id), true]]);
    expect(detail.held).toBe(1);
    expect(ncr.number).toMatch(/^NCR-\d{4}-\d{4}$/);
    expect(await t.auditCount({ action: 'factory.ncr.create', entityId: ncr.id })).toBe(1);
    const listed = (await quality.get('/api/factory/ncrs?source=spc_signal')).json();
    expect(listed.items.map((n: { id: string }) => n.id)).toEqual([ncr.id]);
  });

  it('revises limits from a study a quality engineer chooses, audited; an operator may not; too small a study is refused', async () => {
    const from = new Date(T0).toISOString();
    const to = new Date(T0 + 124 * MIN).toISOString();
    expect((await operator.post(`/api/factory/quality/characteristics/${charId}/limits`, { from, to, reason: '复核' })).statusCode).toBe(403);
    const small = await quality.post(`/api/factory/quality/characteristics/${charId}/limits`, { from, to: new Date(T0 + 20 * MIN).toISOString(), reason: '复核' });
    expect(small.statusCode).toBe(400);
    expect(small.json().error).toMatchObject({ key: 'factory.quality.study_too_small', params: { min: 20, got: 4, size: 5 } });
    const r = await quality.post(`/api/factory/quality/characteristics/${charId}/limits`, { from, to, reason: '更换刀具后重新研究' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ revision: 2, reason: '更换刀具后重新研究', reasonRef: null, createdBy: expect.any(String), studyValues: 125 });
    const revs = (await quality.get(`/api/factory/quality/characteristics/${charId}/limits`)).json();
    expect(revs.map((x: { revision: number }) => x.revision)).toEqual([2, 1]);
    expect(await t.auditCount({ action: 'factory.spc.limits', entityId: charId })).toBe(2);

    expect((await quality.request('PUT', `/api/factory/quality/characteristics/${charId}/rules`, { rules: ['we1', 'nelson9'] })).statusCode).toBe(400);
    const set = await quality.request('PUT', `/api/factory/quality/characteristics/${charId}/rules`, { rules: ['nelson1', 'nelson2', 'nelson5'] });
    expect(set.json().rules).toEqual(['nelson1', 'nelson2', 'nelson5']);
    expect(await t.auditCount({ action: 'factory.spc.rules', entityId: charId })).toBe(1);
  });

  it('imports measurements from CSV all or nothing, and exports .dfq that names each unit', async () => {
    for (let i = 0; i < 3; i++) await measure(`QI-${i}`, 0.02, T0 + (300 + i) * MIN);
    // QI-0..2 have FLAT_JOINT already; no unit measures BORE_D1 at L7's OP10 from a file: use OP70's final bore.
    const bad = 'serial,characteristic,value,measured_at\nQI-0,BORE_D1_F,62.012,2026-12-01T08:00:00+08:00\nNOPE-1,BORE_D1_F,62.011,2026-12-01T08:01:00+08:00\n';
    const r1 = await quality.request('POST', '/api/factory/quality/import?format=csv', Buffer.from(bad), { 'content-type': 'text/csv' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.key).toBe('factory.import.rejected');
    const count = async () =>
      Number(
        (
          await t.platform.handle.db
            .selectFrom('factory_measurements')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('source', '=', 'import')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBe(0);
    const good = 'serial,characteristic,value,measured_at\nQI-0,BORE_D1_F,62.012,2026-12-01T08:00:00+08:00\nQI-1,BORE_D1_F,62.011,2026-12-01T08:01:00+08:00\n';
    const r2 = await quality.request('POST', '/api/factory/quality/import?format=csv', Buffer.from(good), { 'content-type': 'text/csv' });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toEqual({ written: 2 });
    expect(await count()).toBe(2);
    // The same file again: already recorded, nothing written.
    expect((await quality.request('POST', '/api/factory/quality/import?format=csv', Buffer.from(good), { 'content-type': 'text/csv' })).statusCode).toBe(400);
    expect((await operator.request('POST', '/api/factory/quality/import?format=csv', Buffer.from(good), { 'content-type': 'text/csv' })).statusCode).toBe(403);

    const dfq = await quality.get(`/api/factory/quality/characteristics/${charId}/dfq?subgroups=5`);
    expect(dfq.statusCode).toBe(200);
    expect(dfq.body).toMatch(/^K0100 1/);
    expect(dfq.body).toContain('K2001/1 FLAT_JOINT');
    expect(dfq.body).toContain('QI-2');
  });
});
