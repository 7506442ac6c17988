import { sql } from 'kysely';
import type { LinesOutput, OutputFigures, ShiftReport } from '@gearbridge/contracts/factory';
import { orgInScopeSql, scopeOf, type Actor } from '../../../platform/authz';
import { notFound } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { computeOeeDay, lineOrg, lineView, type OeeDay } from '../oee.service';
import { crewsInForce } from './crews.service';

interface Window {
  from: Date;
  to: Date;
}

/**
 * Output and yields of the lines in a window, from the unit records: good = units that completed the routing's
 * last operation OK in the window; NOK = units given a NOK result in it; rolled throughput yield = the product over
 * operations of OK ÷ completed there.
 */
export async function outputOf(db: DB, lineIds: string[], w: Window): Promise<Map<string, OutputFigures>> {
  const out = new Map<string, OutputFigures>();
  if (!lineIds.length) return out;
  const rows = await sql<{ line_id: string; op: string; completed: number; ok: number; nok: number; finished: number }>`
    select u.line_id, x.op,
           count(*)::int as completed,
           count(*) filter (where x.result = 'OK')::int as ok,
           count(*) filter (where x.result = 'NOK')::int as nok,
           count(*) filter (where x.result = 'OK' and x.op = (
             select r.op from factory_routing_ops r where r.product_id = u.product_id order by r.seq desc limit 1))::int as finished
      from factory_unit_ops x
      join factory_units u on u.id = x.unit_id
     where u.line_id = any(${lineIds}::uuid[]) and x.completed_at >= ${w.from} and x.completed_at < ${w.to}
     group by u.line_id, x.op`.execute(db);
  for (const id of lineIds) {
    const ops = rows.rows.filter((r) => r.line_id === id);
    const good = ops.reduce((s, r) => s + r.finished, 0);
    const nok = ops.reduce((s, r) => s + r.nok, 0);
    const done = good + nok;
    const completed = ops.filter((r) => r.completed > 0);
    out.set(id, {
      good,
      nok,
      firstPassYield: done ? good / done : null,
      rolledThroughputYield: completed.length ? completed.reduce((p, r) => p * (r.ok / r.completed), 1) : null,
      ppm: done ? (nok / done) * 1_000_000 : null,
    });
  }
  return out;
}

/** The target for the part of a shift gone by: a shift in progress is on track when its output reaches this. */
function targetSoFar(target: number | null, start: number, end: number, now: number): number | null {
  if (target === null) return null;
  if (now >= end) return target;
  if (now <= start) return 0;
  return (target * (now - start)) / (end - start);
}

async function lineRow(db: DB, lineId: string) {
  const line = await db
    .selectFrom('factory_lines')
    .select(['id', 'code', 'name_zh', 'name_en', 'shift_target', 'ppm_target', 'org_id'])
    .where('id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound(m('factory.line.not_found'));
  return line;
}

/**
 * A line's shift report. The day defaults to today (China time); the shift to the one in progress, else the day's
 * last begun. `day` (an OeeDay of the line's organisation) may be passed in from the OEE cache.
 */
export async function shiftReport(db: DB, actor: Actor, q: { lineId: string; day?: string; shift?: string }, now = Date.now(), cached?: OeeDay): Promise<ShiftReport> {
  const orgId = await lineOrg(db, actor, q.lineId);
  const line = await lineRow(db, q.lineId);
  const dayStr = q.day ?? localDay(now);
  const day = cached && cached.day === dayStr ? cached : await computeOeeDay(db, orgId, dayStr, now);
  const view = lineView(day, q.lineId);
  // The shifts that have begun are in the OEE day; a day in the future has none.
  const begun = view.shifts;
  const shift = (q.shift ? begun.find((s) => s.code === q.shift) : (begun.find((s) => s.inProgress) ?? begun.at(-1))) ?? null;
  if (!shift) throw notFound(m('factory.shift_report.no_shift', { day: dayStr }));
  const start = Date.parse(shift.start);
  const end = Date.parse(shift.end);
  const to = new Date(Math.min(end, now));
  const w = { from: new Date(start), to };
  const [output, hourly, defects, alarms, workOrders, crew, ncrs] = await Promise.all([
    outputOf(db, [line.id], w).then((r) => r.get(line.id)!),
    sql<{ hour: Date; good: number; nok: number }>`
      select date_trunc('hour', x.completed_at) as hour,
             count(*) filter (where x.result = 'OK' and u.status <> 'wip' and x.completed_at = u.done_at)::int as good,
             count(*) filter (where x.result = 'NOK')::int as nok
        from factory_unit_ops x join factory_units u on u.id = x.unit_id
       where u.line_id = ${line.id} and x.completed_at >= ${w.from} and x.completed_at < ${w.to}
       group by 1 order by 1`.execute(db),
    sql<{ code: string; name_zh: string | null; name_en: string | null; count: number }>`
      select x.defect_code as code, d.name_zh, d.name_en, count(*)::int as count
        from factory_unit_ops x join factory_units u on u.id = x.unit_id
        left join factory_defect_codes d on d.org_id = u.org_id and d.code = x.defect_code
       where u.line_id = ${line.id} and x.result = 'NOK' and x.completed_at >= ${w.from} and x.completed_at < ${w.to}
       group by 1, 2, 3 order by count desc, code`.execute(db),
    sql<{ device_code: string; message_zh: string; message_en: string; severity: string; raised_at: Date; resolved_at: Date | null; open_s: number }>`
      select d.code as device_code, a.message_zh, a.message_en, a.severity, a.raised_at, a.resolved_at,
             extract(epoch from least(coalesce(a.resolved_at, ${to}), ${to}) - greatest(a.raised_at, ${w.from}))::float8 as open_s
        from factory_alarms a join factory_devices d on d.num = a.device_num
       where d.line_id = ${line.id} and a.raised_at < ${to} and (a.resolved_at is null or a.resolved_at > ${w.from})
       order by open_s desc`.execute(db),
    sql<{ number: string; part_no: string; good: number }>`
      select w.number, p.part_no, count(*)::int as good
        from factory_units u join factory_work_orders w on w.id = u.work_order_id join factory_products p on p.id = u.product_id
       where u.line_id = ${line.id} and u.done_at >= ${w.from} and u.done_at < ${w.to} and u.status = 'done'
       group by 1, 2 order by 1`.execute(db),
    crewsInForce(db, line.id, [dayStr], [shift.code]),
    // NCRs open at some time in [from, to): raised before `to`, not closed or cancelled before `from`; the line's, or
    // (naming no line) holding units of it. The counts over all of them, the rows the latest 50.
    sql<{
      id: string;
      number: string;
      status: 'open' | 'dispositioned' | 'closed' | 'cancelled';
      source: 'unit_nok' | 'spc_signal' | 'recall' | 'supplier_lot' | 'manual';
      disposition: string | null;
      approved_at: Date | null;
      description: string;
      quantity: number;
      created_at: Date;
      open_n: number;
      raised_n: number;
    }>`
      select n.id, n.number, n.status, n.source, n.disposition, n.approved_at, n.description, n.quantity, n.created_at,
             (count(*) over ())::int as open_n,
             (count(*) filter (where n.created_at >= ${w.from}) over ())::int as raised_n
        from factory_ncrs n
       where n.org_id = ${line.org_id} and n.created_at < ${w.to}
         and coalesce(n.closed_at, n.cancelled_at, 'infinity'::timestamptz) > ${w.from}
         and (n.line_id = ${line.id}
              or (n.line_id is null and exists (
                    select 1 from factory_ncr_units nu join factory_units u on u.id = nu.unit_id
                     where nu.ncr_id = n.id and u.line_id = ${line.id})))
       order by n.created_at desc, n.number desc
       limit 50`.execute(db),
  ]);
  // Units per hour of the shift, every hour listed (an hour with nothing made shows as 0, not as a gap).
  const hours: ShiftReport['hourly'] = [];
  for (let h = Math.floor(start / 3600_000) * 3600_000; h < end; h += 3600_000) {
    const r = hourly.rows.find((x) => x.hour.getTime() === h);
    hours.push({ start: new Date(Math.max(h, start)).toISOString(), good: r?.good ?? 0, nok: r?.nok ?? 0 });
  }
  const alarmRows = alarms.rows.filter((a) => a.open_s > 0);
  return {
    line: { id: line.id, code: line.code, nameZh: line.name_zh, nameEn: line.name_en },
    day: dayStr,
    shift: { code: shift.code, name: shift.name, start: shift.start, end: shift.end, inProgress: shift.inProgress },
    shifts: begun.map((s) => ({ code: s.code, name: s.name })),
    asOf: view.asOf,
    target: line.shift_target,
    targetSoFar: targetSoFar(line.shift_target, start, end, now),
    output,
    hourly: hours,
    oee: shift.line,
    defects: defects.rows.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, count: d.count })),
    alarms: {
      raised: alarmRows.filter((a) => a.raised_at.getTime() >= start).length,
      openS: alarmRows.reduce((s, a) => s + a.open_s, 0),
      top: alarmRows.slice(0, 10).map((a) => ({
        deviceCode: a.device_code,
        messageZh: a.message_zh,
        messageEn: a.message_en,
        severity: a.severity,
        raisedAt: a.raised_at.toISOString(),
        resolvedAt: a.resolved_at ? a.resolved_at.toISOString() : null,
        openS: a.open_s,
      })),
    },
    workOrders: workOrders.rows.map((r) => ({ number: r.number, partNo: r.part_no, good: r.good })),
    ppmTarget: line.ppm_target,
    ncrs: {
      open: ncrs.rows[0]?.open_n ?? 0,
      raised: ncrs.rows[0]?.raised_n ?? 0,
      items: ncrs.rows.map((n) => ({
        id: n.id,
        number: n.number,
        status: n.status,
        awaitingApproval: n.status === 'dispositioned' && n.disposition === 'use_as_is' && n.approved_at === null,
        source: n.source,
        description: n.description,
        quantity: n.quantity,
        createdAt: n.created_at.toISOString(),
        raisedInShift: n.created_at.getTime() >= start,
      })),
    },
    crew: {
      members: crew.flatMap((c) => (c.display_name === null ? [] : [c.display_name])),
      fromDay: crew[0]?.from_day ?? null,
      carriedForward: !!crew[0] && crew[0].from_day !== dayStr,
    },
  };
}

/** Each line's output in its shift in progress (none: zero, no shift), against its target so far. */
export async function linesOutput(db: DB, actor: Actor, day: OeeDay, now = Date.now()): Promise<LinesOutput> {
  const lines = await db
    .selectFrom('factory_lines as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.shift_target'])
    .where('l.org_id', '=', day.orgId)
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('l.code')
    .execute();
  const shift = day.shifts.find((s) => s.inProgress) ?? null;
  const start = shift ? Date.parse(shift.start) : 0;
  const end = shift ? Date.parse(shift.end) : 0;
  const out = shift
    ? await outputOf(
        db,
        lines.map((l) => l.id),
        { from: new Date(start), to: new Date(Math.min(end, now)) },
      )
    : new Map<string, OutputFigures>();
  return {
    asOf: new Date(now).toISOString(),
    lines: lines.map((l) => ({
      lineId: l.id,
      shiftCode: shift?.code ?? null,
      good: out.get(l.id)?.good ?? 0,
      nok: out.get(l.id)?.nok ?? 0,
      target: l.shift_target,
      targetSoFar: shift ? targetSoFar(l.shift_target, start, end, now) : null,
    })),
  };
}
