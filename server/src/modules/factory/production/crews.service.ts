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

/** Who works the line in each shift of a day (the organisation's calendar). */
export async function getCrew(db: DB, actor: Actor, q: { lineId: string; day: string }): Promise<Crew> {
  const orgId = await lineOrg(db, actor, q.lineId);
  const { shifts } = await shiftsOf(db, orgId);
  const rows = await db
    .selectFrom('factory_shift_crews as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.shift_code', 'c.user_id', 'u.display_name'])
    .where('c.line_id', '=', q.lineId)
    .where('c.day', '=', q.day)
    .orderBy('u.display_name')
    .execute();
  return {
    lineId: q.lineId,
    day: q.day,
    shifts: shifts.map((s) => ({
      code: s.code,
      name: s.name,
      members: rows.filter((r) => r.shift_code === s.code).map((r) => ({ userId: r.user_id, name: r.display_name })),
    })),
  };
}

/** Sets a shift's crew on a line (replacing it): people of the plant's own organisation only; audited. */
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
 * it (a night shift belongs to the day it began), and who was assigned to it. Two queries whatever the count.
 */
export async function crewsAt(db: DB, orgId: string, lineId: string, instants: Date[]): Promise<string[][]> {
  const { shifts } = await shiftsOf(db, orgId);
  const days = [...new Set(instants.flatMap((at) => [localDay(at.getTime()), localDay(at.getTime() - 86_400_000)]))];
  const rows = await db
    .selectFrom('factory_shift_crews as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.day', 'c.shift_code', 'u.display_name'])
    .where('c.line_id', '=', lineId)
    .where('c.day', 'in', days)
    .orderBy('u.display_name')
    .execute();
  return crewNames(shifts, rows, instants);
}

/** The crew's names at each instant: the shift it falls in (a night shift belongs to the day it began), its crew rows. */
export function crewNames(shifts: ShiftDef[], rows: { day: string; shift_code: string; display_name: string }[], instants: Date[]): string[][] {
  const slots = instants.map((at) => {
    const t = at.getTime();
    for (const day of [localDay(t), localDay(t - 86_400_000)]) {
      const s = shifts.find((x) => {
        const w = shiftWindow(x, day);
        return t >= w.start && t < w.end;
      });
      if (s) return { day, shift: s.code };
    }
    return null;
  });
  return slots.map((slot) => (slot ? rows.filter((r) => r.day === slot.day && r.shift_code === slot.shift).map((r) => r.display_name) : []));
}
