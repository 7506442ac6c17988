import { sql } from 'kysely';
import type { Crew } from '@gearbridge/contracts/factory';
import type { Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { invalid } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { lineOrg, shiftsOf } from '../oee.service';
import { shiftWindow, type ShiftDef } from '../oee/calendar';

/**
 * The crews in force on `days` for the shifts `codes` of a line — the rule every reader of crews uses (the crew
 * page, genealogy, the shift report): per day and shift, the latest day on or before it a crew was set (the SQL
 * function factory_crew_day of migration factory/0014, which the genealogy's query calls too), and that day's members. A row with a null user: set to nobody
 * that day; no row: never set up to that day.
 */
export async function crewsInForce(
  db: DB,
  lineId: string,
  days: string[],
  codes: string[],
): Promise<{ day: string; shift_code: string; from_day: string; user_id: string | null; display_name: string | null }[]> {
  if (!days.length || !codes.length) return [];
  const r = await sql<{ day: string; shift_code: string; from_day: string; user_id: string | null; display_name: string | null }>`
    select to_char(d.day, 'YYYY-MM-DD') as day, s.code as shift_code, to_char(k.day, 'YYYY-MM-DD') as from_day,
           c.user_id, p.display_name
      from unnest(${days}::date[]) d(day)
     cross join unnest(${codes}::text[]) s(code)
     cross join lateral (select factory_crew_day(${lineId}, s.code, d.day) as day) k
      left join factory_shift_crews c on c.line_id = ${lineId} and c.shift_code = s.code and c.day = k.day
      left join users p on p.id = c.user_id
     where k.day is not null
     order by p.display_name`.execute(db);
  return r.rows;
}

/** Who works the line in each shift of a day (the organisation's calendar), set that day or carried forward. */
export async function getCrew(db: DB, actor: Actor, q: { lineId: string; day: string }): Promise<Crew> {
  const orgId = await lineOrg(db, actor, q.lineId);
  const { shifts } = await shiftsOf(db, orgId);
  const rows = await crewsInForce(
    db,
    q.lineId,
    [q.day],
    shifts.map((s) => s.code),
  );
  return {
    lineId: q.lineId,
    day: q.day,
    shifts: shifts.map((s) => {
      const mine = rows.filter((r) => r.shift_code === s.code);
      const fromDay = mine[0]?.from_day ?? null;
      return {
        code: s.code,
        name: s.name,
        members: mine.flatMap((r) => (r.user_id && r.display_name !== null ? [{ userId: r.user_id, name: r.display_name }] : [])),
        fromDay,
        carriedForward: fromDay !== null && fromDay !== q.day,
      };
    }),
  };
}

/** The people a planner may put on the line's shifts: the plant organisation's active users, by name. */
export async function crewPeople(db: DB, actor: Actor, q: { lineId: string }): Promise<{ userId: string; name: string }[]> {
  const orgId = await lineOrg(db, actor, q.lineId);
  requireOwnPlant(actor, FP.plan, orgId);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name }));
}

/**
 * Sets a shift's crew on a line for a day (replacing that day's): people of the plant's own organisation only;
 * audited. It holds for the later days too until a crew is set again; an empty list sets the crew to nobody (the
 * line not staffed that shift), which is not carried over from before.
 */
export async function setCrew(db: DB, actor: Actor, input: { lineId: string; day: string; shiftCode: string; userIds: string[] }): Promise<Crew> {
  const orgId = await lineOrg(db, actor, input.lineId);
  requireOwnPlant(actor, FP.plan, orgId);
  const { shifts } = await shiftsOf(db, orgId);
  if (!shifts.some((s) => s.code === input.shiftCode))
    throw invalid(m('factory.crew.unknown_shift', { shift: input.shiftCode }), { shiftCode: m('factory.crew.unknown_shift', { shift: input.shiftCode }) });
  const ids = [...new Set(input.userIds)];
  await db.transaction().execute(async (trx) => {
    if (ids.length) {
      const users = await trx.selectFrom('users').select('id').where('id', 'in', ids).where('org_id', '=', orgId).execute();
      if (users.length !== ids.length) throw invalid(m('factory.crew.not_in_plant'), { userIds: m('factory.crew.not_in_plant') });
    }
    const before = await trx
      .selectFrom('factory_shift_crews')
      .select('user_id')
      .where('line_id', '=', input.lineId)
      .where('day', '=', input.day)
      .where('shift_code', '=', input.shiftCode)
      .execute();
    await trx
      .insertInto('factory_shift_crew_days')
      .values({ org_id: orgId, line_id: input.lineId, shift_code: input.shiftCode, day: input.day })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx.deleteFrom('factory_shift_crews').where('line_id', '=', input.lineId).where('day', '=', input.day).where('shift_code', '=', input.shiftCode).execute();
    if (ids.length) {
      await trx
        .insertInto('factory_shift_crews')
        .values(ids.map((user_id) => ({ org_id: orgId, line_id: input.lineId, day: input.day, shift_code: input.shiftCode, user_id })))
        .execute();
    }
    await writeAudit(trx, actor, {
      action: 'factory.crew.set',
      entity: 'line',
      entityId: input.lineId,
      orgId,
      before: { day: input.day, shift: input.shiftCode, userIds: before.map((b) => b.user_id) },
      after: { day: input.day, shift: input.shiftCode, userIds: ids },
    });
  });
  return getCrew(db, actor, { lineId: input.lineId, day: input.day });
}

/**
 * The names of the crew working `lineId` at each of `instants`: the shift of the organisation's calendar that contains
 * it (a night shift belongs to the day it began), and the crew in force for it (crewsInForce: set that day or
 * carried forward). Two queries whatever the count.
 */
export async function crewsAt(db: DB, orgId: string, lineId: string, instants: Date[]): Promise<string[][]> {
  const { shifts } = await shiftsOf(db, orgId);
  const days = [...new Set(instants.flatMap((at) => [localDay(at.getTime()), localDay(at.getTime() - 86_400_000)]))];
  const rows = await crewsInForce(
    db,
    lineId,
    days,
    shifts.map((s) => s.code),
  );
  return crewNames(
    shifts,
    rows.flatMap((r) => (r.display_name === null ? [] : [{ day: r.day, shift_code: r.shift_code, display_name: r.display_name }])),
    instants,
  );
}

/** The crew's names at each instant: the shift it falls in (a night shift belongs to the day it began), its crew rows. */
export function crewNames(shifts: ShiftDef[], rows: { day: string; shift_code: string; display_name: string }[], instants: Date[]): string[][] {
  // A unit's operations fall on a day or two: each day's shift windows are computed once.
  const windows = new Map<string, ReturnType<typeof shiftWindow>[]>();
  const windowsOf = (day: string) => {
    let w = windows.get(day);
    if (!w) windows.set(day, (w = shifts.map((x) => shiftWindow(x, day))));
    return w;
  };
  const slots = instants.map((at) => {
    const t = at.getTime();
    for (const day of [localDay(t), localDay(t - 86_400_000)]) {
      const w = windowsOf(day).find((x) => t >= x.start && t < x.end);
      if (w) return { day, shift: w.code };
    }
    return null;
  });
  return slots.map((slot) => (slot ? rows.filter((r) => r.day === slot.day && r.shift_code === slot.shift).map((r) => r.display_name) : []));
}
