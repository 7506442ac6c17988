/**
 * The 大屏 clock's text. The screens show China time (Asia/Shanghai), the time of the people and the records they
 * show, whatever zone the browser is set to — a wall screen driven by a laptop set to UTC still reads the county's
 * hour and day. The weekday is in the reader's language.
 */
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const weekdays = new Map<string, Intl.DateTimeFormat>();

/** 'HH:mm:ss' and 'YYYY-MM-DD <weekday>' of the instant `ms` in China time; `lang` 'zh-CN' gives 星期一 …, else Monday …. */
export function screenClock(ms: number, lang: string): { time: string; date: string } {
  const locale = lang.startsWith('zh') ? 'zh-CN' : 'en-GB';
  let wd = weekdays.get(locale);
  if (!wd) {
    wd = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', weekday: 'long' });
    weekdays.set(locale, wd);
  }
  return { time: TIME.format(ms), date: `${DAY.format(ms)} ${wd.format(ms)}` };
}

/** The calendar day 'YYYY-MM-DD' of the instant `ms` in China time: the day the records and the server count by. */
export function chinaDay(ms: number = Date.now()): string {
  return DAY.format(ms);
}

/** The year of the instant `ms` in China time (a browser in UTC on 31 December at 17:00 is already in the next one). */
export function chinaYear(ms: number = Date.now()): number {
  return Number(chinaDay(ms).slice(0, 4));
}
