import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { recordUnitEvent, type UnitEventIn } from './unit-events';
import { monitorSpc } from './quality.service';
import { factoryDb } from '../db';
import { unitEventsOf } from '../ingest/units';

let t: TestApp;
let manager: Client;
let operator: Client;
let quality: Client;

type Device = { id: string; code: string };
const device = async (code: string) => ((await manager.get(`/api/factory/devices?q=${code}&pageSize=5`)).json() as { items: Device[] }).items.find((d) => d.code === code)!;
const report = (c: Client, body: object) => c.post('/api/factory/stations/events', body);
const db = () => factoryDb(t.platform.handle.db);
const deviceNum = async (code: string) => (await db().selectFrom('factory_devices').select('num').where('code', '=', code).executeTakeFirstOrThrow()).num;

/** A device's report straight into the production rules (the ingest's path), in its own transaction. */
const deviceReport = (e: Partial<UnitEventIn> & Pick<UnitEventIn, 'device' | 'ts' | 'serial' | 'event'>) =>
  db()
    .transaction()
    .execute((trx) => recordUnitEvent(rawQueryOf(trx), { result: 'OK', defect: null, productId: null, measurements: {}, lots: {}, source: 'device', operatorId: null, ...e }));

beforeAll(async () => {
  t = await startTestApp();
  [manager, operator, quality] = await Promise.all([t.login('gear.manager'), t.login('gear.operator'), t.login('gear.quality')]);
});
afterAll(async () => {
  await t?.close();
});

describe('tools', () => {
  it('lists the demo plant’s tools to readers, registers and changes them for factory.manage only', async () => {
    const list = (await operator.get('/api/factory/tools?q=L1-CNC04&pageSize=50')).json() as {
      items: { code: string; kind: string; lifeLimit: number; uses: number }[];
      total: number;
    };
    expect(list.total).toBe(8);
    expect(list.items[0]).toMatchObject({ code: 'L1-CNC04-BORE-1', kind: 'cutting', lifeLimit: 60, uses: 0 });
    expect((await t.anonymous().get('/api/factory/tools')).statusCode).toBe(401);
    expect((await (await t.login('ck.admin')).get('/api/factory/tools')).json().total).toBe(0);

    const body = { code: 'GAUGE-TEST-01', kind: 'gauge', description: '塞规 Ø62H7', lifeLimit: 5000 };
    expect((await operator.post('/api/factory/tools', body)).statusCode).toBe(403);
    expect((await t.anonymous().post('/api/factory/tools', body)).statusCode).toBe(401);
    const bad = await manager.post('/api/factory/tools', { ...body, code: 'has space', lifeLimit: 0 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['code', 'lifeLimit']);
    const created = await manager.post('/api/factory/tools', body);
    expect(created.statusCode, created.body).toBe(201);
    const tool = created.json() as { id: string; uses: number; status: string };
    expect(tool).toMatchObject({ uses: 0, status: 'active' });
    expect((await manager.post('/api/factory/tools', body)).json().error.key).toBe('factory.tool.code_taken');
    expect(await t.auditCount({ action: 'factory.tool.create', entityId: tool.id })).toBe(1);

    expect((await operator.patch(`/api/factory/tools/${tool.id}`, { status: 'blocked' })).statusCode).toBe(403);
    expect((await manager.patch(`/api/factory/tools/${tool.id}`, { status: 'broken' })).statusCode).toBe(400);
    const changed = await manager.patch(`/api/factory/tools/${tool.id}`, { status: 'blocked', lifeLimit: 4000 });
    expect(changed.json()).toMatchObject({ status: 'blocked', lifeLimit: 4000 });
    expect(await t.auditCount({ action: 'factory.tool.update', entityId: tool.id })).toBe(1);
    expect((await (await t.login('ck.admin')).get(`/api/factory/tools/${tool.id}`)).statusCode).toBe(403);
  });

  it('refuses a report naming an unknown tool and stores nothing of it — at the station page and from a device', async () => {
    const op10 = await device('L6-CNC01');
    const refused = await report(operator, { deviceId: op10.id, serial: 'T-TOOL-X1', event: 'complete', result: 'OK', tools: { MILL: 'NO-SUCH-TOOL' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ key: 'factory.unit.unit_tool_unknown', params: { code: 'NO-SUCH-TOOL', slot: 'MILL' } });
    expect((await manager.get('/api/factory/units?q=T-TOOL-X1')).json().total).toBe(0);

    const num = await deviceNum('L6-CNC01');
    const r = await deviceReport({ device: num, ts: Date.now() - 60_000, serial: 'T-TOOL-X2', event: 'complete', tools: { MILL: 'NO-SUCH-TOOL' } });
    expect(r).toMatchObject({ ok: false, reason: 'unit_tool_unknown' });
    expect(await db().selectFrom('factory_units').select('id').where('serial', '=', 'T-TOOL-X2').execute()).toEqual([]);
    expect(await db().selectFrom('factory_unit_op_tools').select('unit_id').execute()).toEqual([]);
  });

  it('records the tools a person scanned at the station page (slots by scan order), as a device’s unit/tool/<slot>', async () => {
    const op10 = await device('L6-CNC01');
    const [mill, mill2] = ['L6-CNC01-MILL-1', 'L6-CNC01-MILL-2'];
    const before = (await manager.get('/api/factory/tools?q=L6-CNC01-MILL-1')).json().items[0].uses as number;
    // The page sends what was scanned as { "1": first, "2": second }; one unknown code refuses the whole report with
    // the server's message naming it, and nothing is recorded.
    const unknown = await report(operator, { deviceId: op10.id, serial: 'T-ST-TOOL', event: 'complete', result: 'OK', tools: { 1: mill, 2: 'NOT-A-TOOL' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ key: 'factory.unit.unit_tool_unknown', params: { code: 'NOT-A-TOOL', slot: '2' } });
    expect(unknown.json().error.message).toContain('NOT-A-TOOL');
    expect((await manager.get('/api/factory/units?q=T-ST-TOOL')).json().total).toBe(0);
    // More than ten is a 400 naming the field.
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i + 1), mill]));
    const tooMany = await report(operator, { deviceId: op10.id, serial: 'T-ST-TOOL', event: 'complete', result: 'OK', tools: many });
    expect(tooMany.statusCode).toBe(400);
    expect(Object.keys(tooMany.json().error.fields)).toEqual(['tools']);

    const ok = await report(operator, { deviceId: op10.id, serial: 'T-ST-TOOL', event: 'complete', result: 'OK', tools: { 1: mill, 2: mill2 } });
    expect(ok.statusCode, ok.body).toBe(200);
    const g = (await quality.get('/api/factory/units/genealogy?code=T-ST-TOOL')).json() as {
      ops: { op: string; source: string; operatorName: string | null; tools: { code: string; slot: string; kind: string }[] }[];
    };
    expect(g.ops[0]).toMatchObject({ op: 'OP10', source: 'manual', operatorName: '郑工' });
    expect(g.ops[0].tools).toEqual([expect.objectContaining({ code: mill, slot: '1', kind: 'cutting' }), expect.objectContaining({ code: mill2, slot: '2', kind: 'cutting' })]);
    expect((await manager.get('/api/factory/tools?q=L6-CNC01-MILL-1')).json().items[0].uses).toBe(before + 1);
  });

  it('stops a person at the station with a blocked or retired tool; a device’s report with one is recorded and raises a critical alarm once', async () => {
    const op10 = await device('L4-CNC01');
    const [blocked, retired] = ['L4-CNC01-MILL-1', 'L4-CNC01-MILL-2'];
    await db().updateTable('factory_tools').set({ status: 'blocked' }).where('code', '=', blocked).execute();
    await db().updateTable('factory_tools').set({ status: 'retired' }).where('code', '=', retired).execute();
    for (const [code, key] of [
      [blocked, 'factory.unit.unit_tool_blocked'],
      [retired, 'factory.unit.unit_tool_retired'],
    ]) {
      const r = await report(operator, { deviceId: op10.id, serial: 'T-TOOL-OFF', event: 'complete', result: 'OK', tools: { 1: code } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({ key, params: { code, slot: '1' } });
    }
    expect((await manager.get('/api/factory/units?q=T-TOOL-OFF')).json().total).toBe(0);

    const num = await deviceNum('L4-CNC01');
    const t0 = Date.now() - 3600_000;
    for (let i = 0; i < 2; i++) {
      const r = await deviceReport({ device: num, ts: t0 + i * 60_000, serial: `T-TOOL-OFF-${i}`, event: 'complete', tools: { MILL: retired } });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const g = (await quality.get('/api/factory/units/genealogy?code=T-TOOL-OFF-1')).json() as { ops: { tools: { code: string }[] }[] };
    expect(g.ops[0].tools.map((x) => x.code)).toEqual([retired]);
    const alarms = await db().selectFrom('factory_alarms').select(['code', 'severity', 'message_zh']).where('source', '=', 'tool').where('device_num', '=', num).execute();
    expect(alarms).toEqual([{ code: `${retired}:retired`, severity: 'critical', message_zh: expect.stringContaining('已报废') }]);
  });

  it('reads unit/tool/<slot> from a device message', () => {
    const names = new Map([
      [1, 'unit/event'],
      [2, 'unit/serial'],
      [3, 'unit/result'],
      [4, 'unit/tool/MILL'],
    ]);
    const row = (metric: number, text: string) => ({ device: 7, metric, ts: 1000, value: null, text });
    const { events } = unitEventsOf([row(1, 'complete'), row(2, 'S-1'), row(3, 'OK'), row(4, ' L1-CNC01-MILL-2 ')], 0, (id) => names.get(id));
    expect(events[0].tools).toEqual({ MILL: 'L1-CNC01-MILL-2' });
  });

  it('shows each operation’s tools in the genealogy, counts uses, recalls exactly the units made with a tool, and warns once past its life', async () => {
    const op10 = await deviceNum('L5-CNC01');
    const op20 = await deviceNum('L5-CNC04');
    const [millA, millB, bore] = ['L5-CNC01-MILL-1', 'L5-CNC01-MILL-2', 'L5-CNC04-BORE-1'];
    await db().updateTable('factory_tools').set({ life_limit: 4 }).where('code', '=', millA).execute();
    const t0 = Date.now() - 10 * 3600_000;
    // Hand-built: six units; the first five milled with MILL-1, the sixth with MILL-2; units 2 and 4 bored with BORE-1.
    for (let i = 0; i < 6; i++) {
      const r = await deviceReport({ device: op10, ts: t0 + i * 60_000, serial: `T-TL-${i}`, event: 'complete', tools: { MILL: i < 5 ? millA : millB } });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    for (const i of [2, 4])
      expect((await deviceReport({ device: op20, ts: t0 + 3600_000 + i * 60_000, serial: `T-TL-${i}`, event: 'complete', tools: { BORE: bore } })).ok).toBe(true);
    // A redelivery is not a second use.
    expect(await deviceReport({ device: op10, ts: t0, serial: 'T-TL-0', event: 'complete', tools: { MILL: millA } })).toMatchObject({ ok: true, created: false });

    const tools = (await quality.get('/api/factory/tools?q=L5-CNC0&pageSize=100')).json().items as { id: string; code: string; uses: number; lifeAlarmAt: string | null }[];
    const byCode = new Map(tools.map((x) => [x.code, x]));
    expect([millA, millB, bore].map((c) => byCode.get(c)!.uses)).toEqual([5, 1, 2]);
    expect(byCode.get(millA)!.lifeAlarmAt).toBe(new Date(t0 + 4 * 60_000).toISOString());
    // Past its life at the fifth use: recorded all the same, and one warning on the station's andon.
    const alarms = await db()
      .selectFrom('factory_alarms')
      .select(['code', 'severity', 'message_zh', 'device_num'])
      .where('source', '=', 'tool')
      .where('device_num', 'in', [op10, op20])
      .execute();
    expect(alarms).toEqual([{ code: millA, severity: 'warning', message_zh: expect.stringContaining('已超出寿命'), device_num: op10 }]);

    const g = (await quality.get('/api/factory/units/genealogy?code=T-TL-4')).json() as { ops: { op: string; tools: { code: string; slot: string; kind: string }[] }[] };
    expect(g.ops[0].tools).toEqual([expect.objectContaining({ code: millA, slot: 'MILL', kind: 'cutting' })]);
    expect(g.ops[1].tools).toEqual([expect.objectContaining({ code: bore, slot: 'BORE' })]);
    expect(g.ops[2].tools).toEqual([]);

    const recall = async (q: string) =>
      (await quality.get(`/api/factory/recall?${q}`)).json() as { items: { serial: string }[]; total: number; source: { kind: string; label: string } };
    const all = await recall(`toolId=${byCode.get(millA)!.id}`);
    expect(all.items.map((u) => u.serial).sort()).toEqual(['T-TL-0', 'T-TL-1', 'T-TL-2', 'T-TL-3', 'T-TL-4']);
    expect(all.source).toEqual({ kind: 'tool', label: millA });
    const window = await recall(`toolId=${byCode.get(millA)!.id}&from=${new Date(t0 + 90_000).toISOString()}&to=${new Date(t0 + 3.5 * 60_000).toISOString()}`);
    expect(window.items.map((u) => u.serial)).toEqual(['T-TL-2', 'T-TL-3']);
    expect((await recall(`toolId=${byCode.get(bore)!.id}`)).items.map((u) => u.serial)).toEqual(['T-TL-2', 'T-TL-4']);
    // Hold all of it, Excel of it; bad queries refused; another organisation cannot recall by the plant's tool.
    const held = await quality.post('/api/factory/recall/hold', { query: { toolId: byCode.get(bore)!.id }, hold: true, reason: '镗刀崩刃' });
    expect(held.json()).toEqual({ changed: 2 });
    expect((await quality.get(`/api/factory/recall/export?toolId=${byCode.get(bore)!.id}&lang=zh`)).statusCode).toBe(200);
    expect((await quality.get(`/api/factory/recall?toolId=${byCode.get(bore)!.id}&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`)).statusCode).toBe(400);
    expect((await quality.get('/api/factory/recall?toolId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await quality.get('/api/factory/recall?toolId=nope')).statusCode).toBe(400);
    expect((await (await t.login('ck.admin')).get(`/api/factory/recall?toolId=${byCode.get(bore)!.id}`)).statusCode).toBe(403);

    // A regrind resets the uses and clears the alarm mark.
    const reset = await manager.patch(`/api/factory/tools/${byCode.get(millA)!.id}`, { resetUses: true });
    expect(reset.json()).toMatchObject({ uses: 0, lifeAlarmAt: null });
  });
});

describe('p chart on an attribute characteristic', () => {
  it('charts the leak test’s NOK fraction per hour against limits from a phase-I study (hand-computed)', async () => {
    const chars = (await quality.get('/api/factory/quality/characteristics')).json() as { id: string; code: string; lineCode: string; chart: string; subgroupMinutes: number }[];
    const c = chars.find((x) => x.code === 'LEAK_NOK' && x.lineCode === 'L3')!;
    expect(c).toMatchObject({ chart: 'p', subgroupMinutes: 60 });
    const op10 = await deviceNum('L3-CNC01');
    const op60 = await deviceNum('L3-LKT01');
    // 20 whole hours, 5 units each, ending 2 h before this hour (the chart of the last 22 windows holds them all);
    // hour 3 has 1 NOK (D03), hour 10 has 2: p̄ = 3 / 100 = 0.03.
    const h0 = Math.floor(Date.now() / 3600_000) * 3600_000 - 22 * 3600_000;
    let k = 0;
    for (let h = 0; h < 20; h++) {
      for (let i = 0; i < 5; i++) {
        const serial = `T-P-${h}-${i}`;
        const ts = h0 + h * 3600_000 + i * 300_000;
        const nok = (h === 3 && i === 0) || (h === 10 && i < 2);
        expect((await deviceReport({ device: op10, ts: ts - 60_000, serial, event: 'complete' })).ok).toBe(true);
        const r = await deviceReport({ device: op60, ts, serial, event: 'complete', result: nok ? 'NOK' : 'OK', defect: nok ? 'D03' : null });
        expect(r.ok, JSON.stringify(r)).toBe(true);
        k++;
      }
    }
    expect(k).toBe(100);
    expect(
      (
        await quality.post(`/api/factory/quality/characteristics/${c.id}/limits`, {
          from: new Date(h0).toISOString(),
          to: new Date(h0 + 20 * 3600_000).toISOString(),
          reason: '首次研究',
        })
      ).statusCode,
    ).toBe(201);
    const chart = (await quality.get(`/api/factory/quality/characteristics/${c.id}/chart?subgroups=22`)).json() as {
      chart: { location: { value: number; centre: number; ucl: number; lcl: number }[]; violations: { rule: string; trigger: number }[] };
      limits: { limits: { location: { centre: number } }; studyValues: number };
      values: number;
    };
    expect(chart.limits.limits.location.centre).toBeCloseTo(0.03, 12);
    expect(chart.limits.studyValues).toBe(100);
    expect(chart.values).toBe(100);
    const pts = chart.chart.location;
    expect(pts).toHaveLength(20);
    expect(pts.map((p) => p.value)).toEqual(Array.from({ length: 20 }, (_, h) => (h === 3 ? 0.2 : h === 10 ? 0.4 : 0)));
    // n = 5: σ = √(0.03 × 0.97 / 5) = 0.0762889; UCL = 0.03 + 3σ = 0.2588668; LCL < 0 → 0.
    expect(pts[0].ucl).toBeCloseTo(0.2588668, 6);
    expect(pts[0].lcl).toBe(0);
    // Hour 10 (0.4) is beyond the UCL: Western Electric rule 1.
    expect(chart.chart.violations).toContainEqual(expect.objectContaining({ rule: 'we1', trigger: 10 }));
    // The monitor checks after the study only: nothing new here; a later NOK-heavy hour raises a signal and an alarm.
    for (let i = 0; i < 4; i++) {
      const serial = `T-P-late-${i}`;
      const ts = h0 + 20 * 3600_000 + 600_000 + i * 300_000;
      await deviceReport({ device: op10, ts: ts - 60_000, serial, event: 'complete' });
      await deviceReport({ device: op60, ts, serial, event: 'complete', result: i < 2 ? 'NOK' : 'OK', defect: i < 2 ? 'D03' : null });
    }
    await monitorSpc(db(), h0 + 22 * 3600_000);
    const signals = await db().selectFrom('factory_spc_signals').select(['rule', 'at']).where('characteristic_id', '=', c.id).execute();
    expect(signals).toEqual([{ rule: 'we1', at: new Date(h0 + 21 * 3600_000) }]);
    expect((await t.anonymous().get(`/api/factory/quality/characteristics/${c.id}/chart`)).statusCode).toBe(401);
  });
});

describe('the p chart’s automatic first study', () => {
  it('waits for 25 windows and a first NOK (p̄ = 0 has no limits), saying why; then studies them (hand-computed)', async () => {
    const chars = (await quality.get('/api/factory/quality/characteristics')).json() as { id: string; code: string; lineCode: string }[];
    const c = chars.find((x) => x.code === 'LEAK_NOK' && x.lineCode === 'L2')!;
    const op10 = await deviceNum('L2-CNC01');
    const op60 = await deviceNum('L2-LKT01');
    const chart = async () => (await quality.get(`/api/factory/quality/characteristics/${c.id}/chart?subgroups=40`)).json();
    const limitsOf = () => db().selectFrom('factory_spc_limits').selectAll().where('characteristic_id', '=', c.id).execute();
    // Hourly windows of 2 units each, the last ending 2 h before this hour.
    const h0 = Math.floor(Date.now() / 3600_000) * 3600_000 - 33 * 3600_000;
    const hours = async (from: number, to: number, nokAt?: number) => {
      for (let h = from; h < to; h++) {
        for (let i = 0; i < 2; i++) {
          const serial = `T-PA-${h}-${i}`;
          const ts = h0 + h * 3600_000 + 600_000 + i * 600_000;
          const nok = h === nokAt && i === 0;
          expect((await deviceReport({ device: op10, ts: ts - 60_000, serial, event: 'complete' })).ok).toBe(true);
          const r = await deviceReport({ device: op60, ts, serial, event: 'complete', result: nok ? 'NOK' : 'OK', defect: nok ? 'D03' : null });
          expect(r.ok, JSON.stringify(r)).toBe(true);
        }
      }
    };
    const now = h0 + 33 * 3600_000;
    await hours(0, 10);
    await monitorSpc(db(), now);
    expect(await limitsOf()).toEqual([]);
    expect((await chart()).waiting).toEqual({ key: 'factory.spc.waiting_subgroups', params: { min: 25, count: 10 } });

    // 30 windows, every unit OK: enough windows, but p̄ would be 0 — the monitor waits, and the chart says why.
    await hours(10, 30);
    await monitorSpc(db(), now);
    expect(await limitsOf()).toEqual([]);
    const waiting = await chart();
    expect(waiting).toMatchObject({ limits: null, chart: null, waiting: { key: 'factory.spc.waiting_nonconforming', params: { count: 30 } } });
    // A person's study over those windows is refused for the same reason (400, the message key), and stores nothing.
    const refused = await quality.post(`/api/factory/quality/characteristics/${c.id}/limits`, {
      from: new Date(h0).toISOString(),
      to: new Date(h0 + 30 * 3600_000).toISOString(),
      reason: '全部合格时的研究',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ key: 'factory.spc.no_nonconforming', params: { kind: 'p', count: 30 } });
    expect(await limitsOf()).toEqual([]);

    // Window 31 holds the first NOK: the study takes the 31 windows up to it — p̄ = 1 / 62.
    await hours(30, 31, 30);
    expect((await monitorSpc(db(), now)).studies).toBeGreaterThanOrEqual(1);
    const rev = await chart();
    expect(rev.waiting).toBeNull();
    expect(rev.limits).toMatchObject({ revision: 1, studyValues: 62, createdBy: null, reasonRef: { key: 'factory.spc.first_study', params: { count: 31 } } });
    expect(rev.limits.limits.location.centre).toBeCloseTo(1 / 62, 12);
    // n = 2: UCL = p̄ + 3√(p̄(1 − p̄)/2) = 0.016129 + 3 × 0.089377 = 0.284260 (hand); LCL 0.
    expect(rev.limits.limits.location.ucl).toBeCloseTo(1 / 62 + 3 * Math.sqrt(((1 / 62) * (61 / 62)) / 2), 12);
    expect(rev.chart.location.at(-1)).toMatchObject({ value: 0.5 });
  });
});

describe('u chart on a count characteristic', () => {
  it('charts defects per unit per window from count measurements against stored limits', async () => {
    const product = await db().selectFrom('factory_products').select(['id', 'org_id']).where('part_no', '=', 'QJ-AXH-F01').executeTakeFirstOrThrow();
    const op = await db().selectFrom('factory_routing_ops').select('id').where('product_id', '=', product.id).where('op', '=', 'OP70').executeTakeFirstOrThrow();
    const c = await db()
      .insertInto('factory_characteristics')
      .values({
        op_id: op.id,
        product_id: product.id,
        code: 'SURF_DEF',
        name_zh: '表面缺陷数',
        name_en: 'Surface defects',
        unit: '个',
        nominal: 0,
        lsl: null,
        usl: 3,
        decimals: 0,
        chart: 'u',
        subgroup_size: 1,
        subgroup_minutes: 30,
        rules: ['we1'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const op10 = await deviceNum('L7-CNC01');
    const cmm = await deviceNum('L7-CMM01');
    // Three half-hour windows: defects 1+0+2 on 3 units, 0+0 on 2, 4+3+2+3 on 4 (u = 1, 0, 3).
    const w0 = Math.floor(Date.now() / 1800_000) * 1800_000 - 3 * 1800_000;
    const windows = [
      [1, 0, 2],
      [0, 0],
      [4, 3, 2, 3],
    ];
    for (const [k, counts] of windows.entries()) {
      for (const [i, n] of counts.entries()) {
        const serial = `T-U-${k}-${i}`;
        const ts = w0 + k * 1800_000 + 60_000 + i * 60_000;
        expect((await deviceReport({ device: op10, ts: ts - 30_000, serial, event: 'complete' })).ok).toBe(true);
        expect((await deviceReport({ device: cmm, ts, serial, event: 'complete', measurements: { SURF_DEF: n } })).ok).toBe(true);
      }
    }
    // Limits as a study of ū = 1.2 would store them (u chart: centre only; each point's own limits at its size).
    await db()
      .insertInto('factory_spc_limits')
      .values({
        characteristic_id: c.id,
        revision: 1,
        limits: JSON.stringify({
          kind: 'u',
          subgroupSize: null,
          location: { centre: 1.2, ucl: 3, lcl: 0 },
          spread: null,
          sigma: null,
          sigmaMethod: null,
          studySubgroups: 25,
          averageSize: 3,
        }),
        study_from: new Date(w0 - 86_400_000),
        study_to: new Date(w0),
        study_values: 75,
        reason: 'test',
      })
      .execute();
    const chart = (await quality.get(`/api/factory/quality/characteristics/${c.id}/chart?subgroups=5`)).json() as {
      chart: { location: { value: number; ucl: number }[]; violations: { rule: string; trigger: number }[] };
      values: number;
    };
    expect(chart.values).toBe(9);
    expect(chart.chart.location.map((p) => p.value)).toEqual([1, 0, 3]);
    // n = 4: UCL = 1.2 + 3 √(1.2 / 4) = 2.8431677 — the third window (3.0) is beyond it.
    expect(chart.chart.location[2].ucl).toBeCloseTo(2.8431677, 6);
    expect(chart.chart.violations).toEqual([expect.objectContaining({ rule: 'we1', trigger: 2 })]);
  });
});
