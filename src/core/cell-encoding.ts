import { zoneFormatter } from './dates';

/**
 * The ONE encoder for text that a person typed and the add-on writes to a cell.
 *
 * Sheets reads a written string as if it were typed: "=HYPERLINK(...)" becomes a formula, "+1 555"
 * or "-x" a formula or a number, "007" the number 7, "TRUE" a boolean, "9/14" a date. A leading
 * apostrophe makes Sheets keep the rest as plain text, and the apostrophe is not part of the value:
 * getValues() returns exactly what was typed. So every non-empty text gets one, whatever its first
 * character (=, +, -, @, tab, CR, full-width ＝, digits or letters): one rule, no list of dangerous
 * prefixes to get wrong.
 */
export function encodeText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

/**
 * Reads a cell written by encodeText, or typed by hand, back as text. Cells typed by hand may hold
 * numbers, booleans or dates: those become the text a person would expect to see.
 */
export function decodeText(value: unknown, timeZone = 'UTC'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return toIsoDate(value, timeZone);
  return String(value);
}

/** True for Date objects of any realm (values from Apps Script come from another vm realm in tests). */
export function isDate(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN((value as Date).getTime())
  );
}

/** 'YYYY-MM-DD' of an instant in a time zone (Intl is available in Apps Script's V8 runtime). */
export function toIsoDate(date: Date, timeZone: string): string {
  const parts = zoneFormatter('iso-day', timeZone, 'en-CA', ISO_DAY).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const ISO_DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
