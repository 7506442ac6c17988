import { Genealogy } from '@gearbridge/contracts/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { recordUnitEvent } from './unit-events';

/**
 * Nonconformance records: each transition and what it does to the units (hold, scrap, rework, use as is after a
 * second person's approval, return to supplier), the refusals (401/403/400/404/409), another organisation's
 * blindness, and the audit trail.
 */
let t: TestApp;
let anon: Client;
let quality: Client;
let manager: Client;
let operator: Client;
let parkOfficer: Client;
let other: Client;
const N = '/api/factory/ncrs';
const ZERO = '00000000-0000-0000-0000-000000000000';
const db = () => t.platform.handle.db;

let line: { id: string; orgId: string; productId: string };
let plugComponent: string;

/** A hand-built unit with its operation records OP10.. up to `nokAt` (NOK there with `defect`), a leak measurement at OP60 and a plug lot. */
async function unit(serial: string, nokAt: string | null, defect = 'D03', lotNo = 'PLG-T-1', status?: 'wip' | 'done' | 'nok') {
  const ops = ['OP10', 'OP20', 'OP30', 'OP40', 'OP50', 'OP60', 'OP70', 'OP80'];
  const until = nokAt ? ops.indexOf(nokAt) : ops.length - 1;
  const born = Date.now() - 3_600_000;
  const u = await db()
    .insertInto('factory_units')
    .values({
      org_id: line.orgId,
      serial,
      product_id: line.productId,
      line_id: line.id,
      status: status ?? (nokAt ? 'nok' : 'done'),
      last_op: ops[until],
      born_at: new Date(born),
      done_at: nokAt ? null : new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i <= until; i++) {
    const nok = ops[i] === nokAt;
    await db()
      .insertInto('factory_unit_ops')
      .values({
        unit_id: u.id,
        op: ops[i],
        started_at: new Date(born + i * 60_000),
        completed_at: new Date(born + i * 60_000 + 50_000),
        result: nok ? 'NOK' : 'OK',
        defect_code: nok ? defect : null,
        source: 'manual',
        operator_id: null,
        device_num: null,
      })
      .execute();
  }
  if (until >= ops.indexOf('OP60')) {
    const ch = await db().selectFrom('factory_characteristics').select('id').where('product_id', '=', line.productId).where('code', '=', 'LEAK_RATE').executeTakeFirstOrThrow();
    await db()
      .insertInto('factory_measurements')
      .values({ characteristic_id: ch.id, unit_id: u.id, value: nokAt === 'OP60' ? 2.6 : 0.9, measured_at: new Date(born), device_num: null, source: 'manual' })
      .execute();
    const lot = await db()
      .insertInto('factory_component_lots')
      .values({ component_id: plugComponent, lot_no: lotNo, received_at: null })
      .onConflict((oc) => oc.columns(['component_id', 'lot_no']).doUpdateSet({ lot_no: lotNo }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('factory_unit_components')
      .values({ unit_id: u.id, lot_id: lot.id, op: 'OP60', qty: 4, bound_at: new Date(born) })
      .execute();
  }
  return u.id;
}
const unitRow = (id: number) => db().selectFrom('factory_units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await startTestApp();
  anon = t.anonymous();
  [quality, manager, operator, parkOfficer, other] = await Promise.all([
    t.login('gear.quality'),
    t.login('gear.manager'),
    t.login('gear.operator'),
    t.login('park.officer'),
    t.login('ck.admin'),
  ]);
  const l = await db().selectFrom('factory_lines').select(['id', 'org_id']).where('code', '=', 'L1').executeTakeFirstOrThrow();
  const p = await db().selectFrom('factory_products').select('id').where('line_id', '=', l.id).executeTakeFirstOrThrow();
  line = { id: l.id, orgId: l.org_id, productId: p.id };
  plugComponent = (await db().selectFrom('factory_components').select('id').where('org_id', '=', l.org_id).where('code', '=', 'PLUG').executeTakeFirstOrThrow()).id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('nonconformance records', () => {
  it('refuses without a session (401), without the permission (403) and bad input (400)', async () => {
    for (const [method, url, body] of [
      ['GET', N],
      ['GET', `${N}/${ZERO}`],
      ['POST', N, { source: 'manual', description: 'x', quantity: 1 }],
      ['POST', `${N}/${ZERO}/disposition`, { disposition: 'scrap', reason: 'x' }],
      ['POST', `${N}/${ZERO}/approve`, {}],
      ['POST', `${N}/${ZERO}/close`, { rootCause: 'x', correctiveAction: 'y' }],
      ['POST', `${N}/${ZERO}/cancel`, { reason: 'x' }],
    ] as const) {
      expect((await anon.request(method, url, body)).statusCode, `${method} ${url}`).toBe(401);
    }
    const id = await unit('NCR-T-403', 'OP60');
    // An operator reads but may not record; a park officer (region grant) reads but does not run the plant.
    expect((await operator.get(N)).statusCode).toBe(200);
    expect((await operator.post(N, { source: 'unit_nok', description: '泄漏', unitIds: [id] })).statusCode).toBe(403);
    expect((await parkOfficer.post(N, { source: 'unit_nok', description: '泄漏', unitIds: [id] })).statusCode).toBe(403);
    for (const path of ['disposition', 'approve', 'close', 'cancel']) {
      const body = { disposition: { disposition: 'scrap', reason: 'x' }, approve: {}, close: { rootCause: 'x', correctiveAction: 'y' }, cancel: { reason: 'x' } }[path];
      expect((await operator.post(`${N}/${ZERO}/${path}`, body)).statusCode, path).toBe(403);
    }
    // Bad input: nothing named, a blank description, an unknown source, rework without its operation, bad ids.
    const bad = [
      await quality.post(N, { source: 'manual', description: '无对象' }),
      await quality.post(N, { source: 'manual', description: '   ', quantity: 1 }),
      await quality.post(N, { source: 'guess', description: 'x', quantity: 1 }),
      await quality.post(N, { source: 'manual', description: 'x', quantity: 1, defectCode: 'NOPE' }),
      await quality.post(`${N}/${ZERO}/disposition`, { disposition: 'rework', reason: '返工' }),
      await quality.post(`${N}/${ZERO}/close`, { rootCause: '', correctiveAction: 'y' }),
      await quality.post(`${N}/${ZERO}/cancel`, {}),
      await quality.get(`${N}/not-a-uuid`),
      await quality.get(`${N}?status=lost`),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual(bad.map(() => 400));
    expect(bad[0].json().error.fieldMessages?.quantity?.key ?? bad[0].json().error.key).toBeTruthy();
    expect(bad[3].json().error.key).toBe('factory.unit.defect_unknown');
    expect((await quality.post(N, { source: 'unit_nok', description: 'x', unitIds: [999_999_999] })).statusCode).toBe(404);
    expect((await quality.get(`${N}/${ZERO}`)).statusCode).toBe(404);
    expect((await quality.post(`${N}/${ZERO}/approve`, {})).statusCode).toBe(404);
    // Nothing was written by any of it.
    expect(await t.auditCount({ action: 'factory.ncr.create' })).toBe(0);
    expect((await unitRow(id)).held).toBe(false);
  });

  it('creates from NOK units: numbered per year, contained (held), line, operation and defect from the records; another organisation sees nothing', async () => {
    const a = await unit('NCR-T-A1', 'OP60');
    const b = await unit('NCR-T-A2', 'OP60');
    const r = await quality.post(N, { source: 'unit_nok', description: 'OP60 试漏泄漏率超上限', unitIds: [a, b] });
    expect(r.statusCode, r.body).toBe(201);
    const ncr = r.json();
    expect(ncr.number).toMatch(/^NCR-\d{4}-\d{4}$/);
    expect(ncr).toMatchObject({ status: 'open', source: 'unit_nok', op: 'OP60', defectCode: 'D03', lineCode: 'L1', quantity: 2, units: 2, held: 2, disposition: null });
    expect((await unitRow(a)).held).toBe(true);
    expect((await unitRow(a)).hold_reason).toBe(ncr.number);
    expect(await t.auditCount({ action: 'factory.ncr.create', entityId: ncr.id })).toBe(1);
    expect(await t.auditCount({ action: 'factory.unit.hold', entityId: String(a) })).toBe(1);
    // The next one counts on.
    const c = await unit('NCR-T-A3', 'OP40', 'D02');
    const r2 = await quality.post(N, { source: 'unit_nok', description: '中心距超差', unitIds: [c] });
    expect(Number(r2.json().number.slice(-4))).toBe(Number(ncr.number.slice(-4)) + 1);
    // Lists and filters; the unit's genealogy names it.
    const list = (await quality.get(`${N}?status=open&unitId=${a}`)).json();
    expect(list.items.map((n: { id: string }) => n.id)).toEqual([ncr.id]);
    expect((await quality.get(`${N}?q=${encodeURIComponent(ncr.number)}`)).json().total).toBe(1);
    const detail = (await operator.get(`${N}/${ncr.id}`)).json();
    expect(detail.unitList.map((u: { serial: string }) => u.serial)).toEqual(['NCR-T-A1', 'NCR-T-A2']);
    const gen = (await operator.get('/api/factory/units/genealogy?code=NCR-T-A1')).json();
    expect(Genealogy.parse(gen)).toEqual(gen);
    expect(gen.ncrs.map((n: { number: string }) => n.number)).toEqual([ncr.number]);
    // Another organisation: not in its list, not readable, not changeable.
    expect((await other.get(N)).json().items.some((n: { id: string }) => n.id === ncr.id)).toBe(false);
    expect((await other.get(`${N}/${ncr.id}`)).statusCode).toBe(403);
    expect((await other.post(`${N}/${ncr.id}/cancel`, { reason: '不是我们的' })).statusCode).toBe(403);
    expect((await other.post(N, { source: 'unit_nok', description: 'x', unitIds: [a] })).statusCode).toBe(404);
  });

  it('scrap: the units are scrapped and can never be packed; then closed with root cause, after which nothing changes', async () => {
    const a = await unit('NCR-T-S1', 'OP60');
    const ncr = (await quality.post(N, { source: 'unit_nok', description: '泄漏', unitIds: [a] })).json();
    const d = await quality.post(`${N}/${ncr.id}/disposition`, { disposition: 'scrap', reason: '壳体穿透性气孔，不可修复' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ status: 'dispositioned', disposition: 'scrap', awaitingApproval: false, dispositionedBy: { name: expect.any(String) } });
    expect(await unitRow(a)).toMatchObject({ status: 'scrapped', held: false });
    expect(await t.auditCount({ action: 'factory.unit.scrap', entityId: String(a) })).toBe(1);
    expect(await t.auditCount({ action: 'factory.ncr.disposition', entityId: ncr.id })).toBe(1);
    // Logistics refuses it.
    const box = (await operator.post('/api/factory/logistics/boxes', { lineId: line.id })).json();
    const pack = await operator.post(`/api/factory/logistics/boxes/${box.id}/units`, { serials: ['NCR-T-S1'] });
    expect(pack.statusCode).toBe(409);
    expect(pack.json().error.key).toBe('factory.logistics.unit_scrapped');
    // A second disposition, a cancel: 409.
    expect((await quality.post(`${N}/${ncr.id}/disposition`, { disposition: 'rework', reason: 'x', reworkOp: 'OP60' })).json().error.key).toBe('factory.ncr.not_open');
    expect((await quality.post(`${N}/${ncr.id}/cancel`, { reason: 'x' })).statusCode).toBe(409);
    expect((await quality.post(`${N}/${ncr.id}/approve`, {})).json().error.key).toBe('factory.ncr.no_approval_needed');
    const c = await quality.post(`${N}/${ncr.id}/close`, { rootCause: '铸件型砂含水量高导致气孔', correctiveAction: '来料增加 X 光抽检；供应商 8D' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'closed', rootCause: '铸件型砂含水量高导致气孔' });
    expect(await t.auditCount({ action: 'factory.ncr.close', entityId: ncr.id })).toBe(1);
    for (const [path, body] of [
      ['close', { rootCause: 'x', correctiveAction: 'y' }],
      ['disposition', { disposition: 'scrap', reason: 'x' }],
      ['cancel', { reason: 'x' }],
      ['approve', {}],
    ] as const) {
      const r = await quality.post(`${N}/${ncr.id}/${path}`, body);
      expect(r.statusCode, path).toBe(409);
      expect(r.json().error.key, path).toBe('factory.ncr.finished');
    }
  });

  it('rework: back to a chosen operation, the first pass kept in the genealogy, the unit on the line again', async () => {
    const a = await unit('NCR-T-R1', 'OP60');
    const ncr = (await quality.post(N, { source: 'unit_nok', description: '螺塞处泄漏', unitIds: [a] })).json();
    const bad = await quality.post(`${N}/${ncr.id}/disposition`, { disposition: 'rework', reason: '重新装螺塞', reworkOp: 'OP99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.key).toBe('factory.ncr.rework_op_unknown');
    const d = await quality.post(`${N}/${ncr.id}/disposition`, { disposition: 'rework', reason: '拆下螺塞重新装配后复测', reworkOp: 'OP50' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ disposition: 'rework', reworkOp: 'OP50' });
    expect(await unitRow(a)).toMatchObject({ status: 'wip', held: false, last_op: 'OP40', done_at: null });
    const ops = await db().selectFrom('factory_unit_ops').select('op').where('unit_id', '=', a).orderBy('op').execute();
    expect(ops.map((o) => o.op)).toEqual(['OP10', 'OP20', 'OP30', 'OP40']);
    expect((await db().selectFrom('factory_measurements').select('value').where('unit_id', '=', a).execute()).length).toBe(0);
    const gen = (await operator.get('/api/factory/units/genealogy?code=NCR-T-R1')).json();
    expect(Genealogy.parse(gen)).toEqual(gen);
    expect(gen.reworks.map((h: { op: string; result: string }) => `${h.op} ${h.result}`)).toEqual(['OP50 OK', 'OP60 NOK']);
    expect(gen.reworks[1]).toMatchObject({ defectCode: 'D03', ncrNumber: ncr.number });
    expect(gen.ops.find((o: { op: string }) => o.op === 'OP60').reached).toBe(false);
    const h = await db().selectFrom('factory_unit_op_history').select('measurements').where('unit_id', '=', a).where('op', '=', 'OP60').executeTakeFirstOrThrow();
    expect(h.measurements).toEqual([expect.objectContaining({ value: 2.6 })]);
    expect(await t.auditCount({ action: 'factory.unit.rework', entityId: String(a) })).toBe(1);
  });

  it('use as is: a concession approved by a second person releases the units; closing waits for the approval', async () => {
    const a = await unit('NCR-T-U1', 'OP40', 'D06');
    const b = await unit('NCR-T-U2', 'OP80', 'D04');
    const ncr = (await quality.post(N, { source: 'unit_nok', description: '非配合面轻微毛刺/磕碰', unitIds: [a, b] })).json();
    const d = await quality.post(`${N}/${ncr.id}/disposition`, { disposition: 'use_as_is', reason: '非功能面，客户 SQE 书面同意让步' });
    expect(d.json()).toMatchObject({ status: 'dispositioned', awaitingApproval: true, held: 2 });
    expect((await unitRow(a)).held).toBe(true);
    const early = await quality.post(`${N}/${ncr.id}/close`, { rootCause: 'x', correctiveAction: 'y' });
    expect(early.json().error.key).toBe('factory.ncr.awaiting_approval');
    const self = await quality.post(`${N}/${ncr.id}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().error.key).toBe('factory.ncr.approver_same');
    expect((await operator.post(`${N}/${ncr.id}/approve`, {})).statusCode).toBe(403);
    const ok = await manager.post(`${N}/${ncr.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ awaitingApproval: false, held: 0, approvedBy: { name: expect.any(String) } });
    // NOK at OP40 goes on down the line; NOK at the last operation is finished.
    expect(await unitRow(a)).toMatchObject({ status: 'wip', held: false });
    expect(await unitRow(b)).toMatchObject({ status: 'done', held: false });
    expect(await t.auditCount({ action: 'factory.ncr.approve', entityId: ncr.id })).toBe(1);
    expect((await manager.post(`${N}/${ncr.id}/approve`, {})).json().error.key).toBe('factory.ncr.no_approval_needed');
    expect((await quality.post(`${N}/${ncr.id}/close`, { rootCause: '去毛刺刷磨损', correctiveAction: '刷子按 2000 件更换' })).statusCode).toBe(200);
  });

  it('return to supplier: the lot is blocked and every unit it went into is held', async () => {
    const a = await unit('NCR-T-L1', 'OP60', 'D03', 'PLG-T-BAD');
    const b = await unit('NCR-T-L2', null, 'D03', 'PLG-T-BAD');
    const lot = await db().selectFrom('factory_component_lots').select('id').where('lot_no', '=', 'PLG-T-BAD').executeTakeFirstOrThrow();
    // Without a lot the disposition is refused.
    const noLot = (await quality.post(N, { source: 'unit_nok', description: 'x', unitIds: [a] })).json();
    expect((await quality.post(`${N}/${noLot.id}/disposition`, { disposition: 'return_to_supplier', reason: 'x' })).json().error.key).toBe('factory.ncr.needs_lot');
    // From a recall of the lot: its units, the lot.
    const r = await quality.post(N, { source: 'recall', description: '螺塞 O 形圈硬度不合格', recall: { lotId: lot.id } });
    expect(r.statusCode, r.body).toBe(201);
    const ncr = r.json();
    expect(ncr).toMatchObject({ units: 2, lot: { id: lot.id, lotNo: 'PLG-T-BAD', blocked: false } });
    const d = await quality.post(`${N}/${ncr.id}/disposition`, { disposition: 'return_to_supplier', reason: '整批退回供应商并索赔' });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().lot.blocked).toBe(true);
    expect((await db().selectFrom('factory_component_lots').select('blocked_ncr_id').where('id', '=', lot.id).executeTakeFirstOrThrow()).blocked_ncr_id).toBe(ncr.id);
    expect((await unitRow(b)).held).toBe(true);
    expect(await t.auditCount({ action: 'factory.component_lot.block', entityId: String(lot.id) })).toBe(1);
    // The blocked lot at a station: a person is stopped (409); a device's report of a part already made is kept and
    // the unit held under the NCR's number.
    const station = await db()
      .selectFrom('factory_devices as d')
      .innerJoin('factory_cells as c', 'c.id', 'd.cell_id')
      .select(['d.id', 'd.num'])
      .where('d.line_id', '=', line.id)
      .where('c.code', '=', 'OP60')
      .executeTakeFirstOrThrow();
    const c1 = await unit('NCR-T-L3', 'OP50', 'D07', 'x', 'wip');
    const refused = await quality.post('/api/factory/stations/events', { deviceId: station.id, serial: 'NCR-T-L3', event: 'complete', result: 'OK', lots: { PLUG: 'PLG-T-BAD' } });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ key: 'factory.unit.unit_lot_blocked', params: { lot: 'PLG-T-BAD', ncr: ncr.number } });
    expect((await db().selectFrom('factory_unit_ops').select('op').where('unit_id', '=', c1).where('op', '=', 'OP60').execute()).length).toBe(0);
    const byDevice = await db()
      .transaction()
      .execute((trx) =>
        recordUnitEvent(rawQueryOf(trx), {
          device: station.num,
          ts: Date.now(),
          event: 'complete',
          serial: 'NCR-T-L3',
          result: 'OK',
          defect: null,
          productId: null,
          measurements: {},
          lots: { PLUG: 'PLG-T-BAD' },
          source: 'device',
          operatorId: null,
        }),
      );
    expect(byDevice.ok).toBe(true);
    expect(await unitRow(c1)).toMatchObject({ held: true, hold_reason: ncr.number });
    // A lot-only record (goods-in): no units, a quantity.
    const gi = await quality.post(N, { source: 'supplier_lot', description: '来料检验：硬度不合格', lotId: lot.id, quantity: 500 });
    expect(gi.json()).toMatchObject({ units: 0, quantity: 500 });
    expect((await quality.post(`${N}/${gi.json().id}/disposition`, { disposition: 'scrap', reason: 'x' })).json().error.key).toBe('factory.ncr.needs_units');
  });

  it('cancel: an open record opened by mistake lifts only the holds it placed', async () => {
    const a = await unit('NCR-T-C1', 'OP60');
    const b = await unit('NCR-T-C2', 'OP60');
    await quality.post(`/api/factory/units/${b}/hold`, { reason: '早已隔离' });
    const ncr = (await quality.post(N, { source: 'manual', description: '误开', unitIds: [a, b] })).json();
    const c = await quality.post(`${N}/${ncr.id}/cancel`, { reason: '重复开单' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '重复开单' });
    expect((await unitRow(a)).held).toBe(false);
    expect((await unitRow(b)).held).toBe(true);
    expect(await t.auditCount({ action: 'factory.ncr.cancel', entityId: ncr.id })).toBe(1);
    expect((await quality.post(`${N}/${ncr.id}/close`, { rootCause: 'x', correctiveAction: 'y' })).json().error.key).toBe('factory.ncr.finished');
  });
});
