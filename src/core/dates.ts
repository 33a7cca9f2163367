/**
 * Calendar dates as the add-on handles them: 'YYYY-MM-DD' text (how dates cross google.script.run and
 * how records hold them, already read in the spreadsheet's time zone), day arithmetic on that text in
 * UTC so no time zone or daylight-saving change can shift a day, and the spreadsheet's date serials.
 * The one home of the day length and the serial epoch: nothing else in src/ spells them.
 */
import type { IsoDate } from '../common/rpc';

/** One calendar day in milliseconds (UTC days have no daylight-saving changes). */
export const DAY_MS = 86_400_000;
/**
 * Day 0 of spreadsheet date serials: 1899-12-30, so 1 is 1899-12-31 and 45,000 is 2023-03-15
 * (support.google.com/docs/answer/3092969, DATE: "the number of days since December 30, 1899").
 */
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

export { isIsoDate } from '../common/iso-date';

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: IsoDate): number {
  return Math.round(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS,
  );
}

/** The 'YYYY-MM-DD' date of a day number (days since 1970-01-01). */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** The Monday of the week a date falls in. */
export function weekStartOf(date: IsoDate): IsoDate {
  const day = dayNumber(date);
  // 1970-01-01 (day 0) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  return fromDayNumber(day - ((((day + 3) % 7) + 7) % 7));
}

/** ISO 8601 week of a date, e.g. '2026-W49': weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: IsoDate): string {
  const thursday = dayNumber(weekStartOf(date)) + 3; // the Thursday of this week decides the year
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const firstThursday = dayNumber(weekStartOf(`${year}-01-04`)) + 3;
  const week = 1 + Math.round((thursday - firstThursday) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A 'YYYY-MM-DD' date as a spreadsheet date serial (days since 1899-12-30), time-zone free. */
export function dateSerial(date: IsoDate): number {
  return dayNumber(date) - SERIAL_EPOCH_MS / DAY_MS;
}

/** The 'YYYY-MM-DD' date of a whole spreadsheet date serial. */
export function serialDate(serial: number): IsoDate {
  return fromDayNumber(Math.floor(serial) + SERIAL_EPOCH_MS / DAY_MS);
}

// Building an Intl.DateTimeFormat costs far more than using one: reading a Call Log of 50,000 rows
// (about 100,000 date cells) took 5.3 s with a new formatter per cell and 0.6 s with one per time
// zone (npm run bench, summary case), so each kind of formatter is kept, one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
/** The formatter of `locale` and `options` in `timeZone`, built once per `kind` and time zone. */
export function zoneFormatter(
  kind: string,
  timeZone: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${kind}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const formatter = zoneFormatter('wall-clock', timeZone, 'en-US', WALL_CLOCK);
  const parts = formatter.formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a 'YYYY-MM-DD' day starts in a time zone: what a date cell holds for that day in a
 * spreadsheet of that zone (as Utilities.parseDate(date, timeZone, 'yyyy-MM-dd') gives it). Twice
 * round, because the offset at the first guess may differ from the offset at midnight (a DST change).
 */
export function startOfDayIn(date: IsoDate, timeZone: string): Date {
  const utcMidnight = dayNumber(date) * DAY_MS;
  let instant = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  instant = utcMidnight - zoneOffsetMs(instant, timeZone);
  return new Date(instant);
}
