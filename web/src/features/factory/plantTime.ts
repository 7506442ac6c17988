/**
 * The plant's clock. Shift calendars and OEE days are in the plant's local time, which in China is UTC+8 all year
 * (no daylight saving), so a fixed offset is exact; a browser elsewhere still sees the plant's own day and shifts.
 */
export const PLANT_OFFSET_MIN = 8 * 60;
const OFFSET_MS = PLANT_OFFSET_MIN * 60_000;

const shifted = (ms: number) => new Date(ms + OFFSET_MS).toISOString();

/** 'YYYY-MM-DD' of the plant day at `ms`. */
export const plantDay = (ms = Date.now()) => shifted(ms).slice(0, 10);

/** The plant day before `day`. */
export function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}

/** 'HH:mm' of an instant in plant time. */
export const plantHm = (iso: string | number) => shifted(typeof iso === 'number' ? iso : Date.parse(iso)).slice(11, 16);

/** 'HH:mm:ss' of an instant in plant time. */
export const plantHms = (ms: number) => shifted(ms).slice(11, 19);

/** Minutes after plant midnight of an 'HH:MM' calendar time. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
