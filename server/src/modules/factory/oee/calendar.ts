/**
 * The shift calendar. Times are local wall-clock times of the plant; China keeps one offset (UTC+8) all year,
 * so a fixed offset is exact here. A shift may cross midnight (22:00–06:00): it belongs to the day it starts.
 */
export interface ShiftDef {
  code: string;
  name: string;
  /** 'HH:MM' */
  start: string;
  end: string;
  /** Planned stops inside the shift (meals, handovers). */
  breaks: { start: string; end: string }[];
}

export const CHINA_OFFSET_MIN = 8 * 60;

/** The plant default (as the simulator runs it): three 8-hour shifts with a 30-minute meal break in each. */
export const DEFAULT_SHIFTS: ShiftDef[] = [
  { code: 'A', name: '早班', start: '08:00', end: '16:00', breaks: [{ start: '12:00', end: '12:30' }] },
  { code: 'B', name: '中班', start: '16:00', end: '00:00', breaks: [{ start: '20:00', end: '20:30' }] },
  { code: 'C', name: '夜班', start: '00:00', end: '08:00', breaks: [{ start: '04:00', end: '04:30' }] },
];

const minutes = (hhmm: string) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Epoch ms of local day `day` ('YYYY-MM-DD') at local minute `m` (may exceed 24 h for the next day). */
function at(day: string, m: number, offsetMin: number) {
  const [y, mo, d] = day.split('-').map(Number);
  return Date.UTC(y, mo - 1, d) + (m - offsetMin) * 60_000;
}

export interface ShiftWindow {
  code: string;
  name: string;
  day: string;
  start: number;
  end: number;
  breaks: { start: number; end: number }[];
}

export function shiftWindow(s: ShiftDef, day: string, offsetMin = CHINA_OFFSET_MIN): ShiftWindow {
  const start = minutes(s.start);
  let end = minutes(s.end);
  if (end <= start) end += 24 * 60;
  const breaks = s.breaks.map((b) => {
    let bs = minutes(b.start);
    let be = minutes(b.end);
    if (bs < start) bs += 24 * 60; // a break after midnight in a night shift
    if (be <= bs) be += 24 * 60;
    if (bs < start || be > end) throw new Error(`break ${b.start}–${b.end} lies outside shift ${s.code} ${s.start}–${s.end}`);
    return { start: at(day, bs, offsetMin), end: at(day, be, offsetMin) };
  });
  return { code: s.code, name: s.name, day, start: at(day, start, offsetMin), end: at(day, end, offsetMin), breaks };
}

/** Checks a calendar: valid times, breaks inside their shifts, shifts not overlapping one another. */
export function validateCalendar(shifts: ShiftDef[]): string | null {
  try {
    const w = shifts.map((s) => shiftWindow(s, '2026-01-01'));
    const sorted = [...w].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return `shifts ${sorted[i - 1].code} and ${sorted[i].code} overlap`;
    const last = sorted[sorted.length - 1];
    if (sorted.length && last.end - sorted[0].start > 24 * 3600_000 && last.end - 24 * 3600_000 > sorted[0].start) return `shift ${last.code} runs into the next day's ${sorted[0].code}`;
    if (new Set(shifts.map((s) => s.code)).size !== shifts.length) return 'shift codes must be unique';
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
