import { sql } from 'kysely';

/**
 * The platform's users keep China Standard Time (UTC+8, no daylight saving): "today", a due date, a posting still
 * valid, are days of that calendar, whatever the server's or the database session's time zone. Between 00:00 and
 * 08:00 in China the UTC date is still yesterday — a status change dated today was refused as "in the future".
 */
export const LOCAL_OFFSET_MIN = 8 * 60;

/** The local calendar day of an instant, YYYY-MM-DD. */
export const localDay = (t: number = Date.now()): string => new Date(t + LOCAL_OFFSET_MIN * 60_000).toISOString().slice(0, 10);

/** The same day in SQL, independent of the session's TimeZone setting (use instead of current_date). */
export const localTodaySql = sql<string>`((now() at time zone 'UTC') + interval '${sql.raw(String(LOCAL_OFFSET_MIN))} minutes')::date`;
