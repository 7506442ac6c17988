import type { Msg } from '../../../platform/errors';
import { m } from '../messages';

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

/** What is wrong with a calendar, as a message (key, parameters, English text). */
export class CalendarError extends Error {
  constructor(readonly problem: Msg) {
    super(problem.text);
    this.name = 'CalendarError';
  }
}

const minutes = (hhmm: string) => {
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!t) throw new CalendarError(m('factory.calendar.not_time_of_day', { value: hhmm }));
  return Number(t[1]) * 60 + Number(t[2]);
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
    if (bs < start || be > end) throw new CalendarError(m('factory.calendar.break_outside', { start: b.start, end: b.end, shift: s.code, shift_start: s.start, shift_end: s.end }));
    return { start: at(day, bs, offsetMin), end: at(day, be, offsetMin) };
  });
  return { code: s.code, name: s.name, day, start: at(day, start, offsetMin), end: at(day, end, offsetMin), breaks };
}

/** Checks a calendar: valid times, breaks inside their shifts, shifts not overlapping one another. */
export function validateCalendar(shifts: ShiftDef[]): Msg | null {
  try {
    const w = shifts.map((s) => shiftWindow(s, '2026-01-01'));
    const sorted = [...w].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return m('factory.calendar.overlap', { first: sorted[i - 1].code, second: sorted[i].code });
    const last = sorted[sorted.length - 1];
    if (sorted.length && last.end - sorted[0].start > 24 * 3600_000 && last.end - 24 * 3600_000 > sorted[0].start)
      return m('factory.calendar.into_next_day', { shift: last.code, next: sorted[0].code });
    if (new Set(shifts.map((s) => s.code)).size !== shifts.length) return m('factory.calendar.codes_not_unique');
    return null;
  } catch (e) {
    if (e instanceof CalendarError) return e.problem;
    throw e;
  }
}

const INVALID = {
  'factory.calendar.overlap': 'factory.calendar.invalid.overlap',
  'factory.calendar.break_outside': 'factory.calendar.invalid.break_outside',
  'factory.calendar.into_next_day': 'factory.calendar.invalid.into_next_day',
  'factory.calendar.codes_not_unique': 'factory.calendar.invalid.codes_not_unique',
  'factory.calendar.not_time_of_day': 'factory.calendar.invalid.not_time_of_day',
} as const;

/** The whole calendar's message for one of its problems: "The shift calendar is not valid: …". */
export function calendarInvalid(problem: Msg): Msg {
  return m(INVALID[problem.key as keyof typeof INVALID], problem.params);
}
