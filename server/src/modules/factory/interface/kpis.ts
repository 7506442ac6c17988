import type { FactoryKpisInterface, PlantKpis } from '@gearbridge/contracts/factory/interface';
import { localDay } from '../../../platform/time';
import type { DB } from '../db';
import { shiftWindow } from '../oee/calendar';
import { computeOeeDay, plantView, shiftsOf } from '../oee.service';
import { outputOf } from '../production/shift-report.service';

const DAY_MS = 86_400_000;

/**
 * A plant's headline figures now, computed as the factory's own pages compute them: today's OEE over every device
 * placed on a line of the organisation (the plant overview's figure), today's first-pass yield from the unit records
 * (the quality page's), and the output of the last shift that ended, per line. Null when the organisation has no line.
 */
export async function plantKpis(db: DB, orgId: string, now = Date.now()): Promise<PlantKpis | null> {
  const lines = await db.selectFrom('factory_lines').select(['id', 'shift_target']).where('org_id', '=', orgId).orderBy('code').execute();
  if (!lines.length) return null;
  const ids = lines.map((l) => l.id);
  const day = localDay(now);
  const dayStart = Date.parse(`${day}T00:00:00+08:00`);
  const [oeeDay, { shifts }, today] = await Promise.all([
    computeOeeDay(db, orgId, day, now),
    shiftsOf(db, orgId),
    outputOf(db, ids, { from: new Date(dayStart), to: new Date(now) }),
  ]);
  const view = plantView(oeeDay);
  // The last shift that ended: today's or yesterday's windows (a night shift of yesterday ends this morning).
  const ended = [localDay(dayStart - DAY_MS), day]
    .flatMap((d) => shifts.map((s) => shiftWindow(s, d)))
    .filter((w) => w.end <= now)
    .sort((a, b) => b.end - a.end)[0];
  let lastShift: PlantKpis['lastShift'] = null;
  if (ended) {
    const out = await outputOf(db, ids, { from: new Date(ended.start), to: new Date(ended.end) });
    const good = [...out.values()].reduce((s, f) => s + f.good, 0);
    const targets = lines.filter((l) => l.shift_target !== null).map((l) => l.shift_target!);
    lastShift = {
      day: ended.day,
      code: ended.code,
      name: ended.name,
      start: new Date(ended.start).toISOString(),
      end: new Date(ended.end).toISOString(),
      good,
      goodPerLine: good / lines.length,
      targetPerLine: targets.length ? targets.reduce((s, t) => s + t, 0) / targets.length : null,
    };
  }
  const figures = [...today.values()];
  const good = figures.reduce((s, f) => s + f.good, 0);
  const nok = figures.reduce((s, f) => s + f.nok, 0);
  return {
    orgId,
    asOf: new Date(now).toISOString(),
    day,
    lines: lines.length,
    devices: view.total.devices,
    oee: view.total.oee,
    availability: view.total.availability,
    performance: view.total.performance,
    quality: view.total.quality,
    firstPassYield: good + nok ? good / (good + nok) : null,
    good,
    nok,
    lastShift,
  };
}

export const kpisInterface = (db: DB): FactoryKpisInterface => ({
  plantKpis: (orgId, now) => plantKpis(db, orgId, now),
});
