/**
 * Java SimpleDateFormat patterns in an IANA time zone, as Utilities.formatDate and Utilities.parseDate
 * take them: y M L d E u a H k K h m s S D w z Z X G, text in single quotes, '' for a quote.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Token = { field: string; count: number } | { text: string };

export class PatternError extends Error {}

export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ text: "'" });
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new PatternError(`Unterminated quote in pattern ${pattern}`);
      let text = pattern.slice(i + 1, end);
      i = end + 1;
      // '' inside quoted text is a quote too.
      while (pattern[i] === "'" && pattern[i + 1] !== undefined) {
        const next = pattern.indexOf("'", i + 1);
        if (next < 0) break;
        text += `'${pattern.slice(i + 1, next)}`;
        i = next + 1;
      }
      tokens.push({ text });
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      if (!'GyYMLwWDdFEuaHkKhmsSzZX'.includes(c)) throw new PatternError(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern[i + count] === c) count++;
      tokens.push({ field: c, count });
      i += count;
      continue;
    }
    tokens.push({ text: c });
    i++;
  }
  return tokens;
}

export interface Fields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 1 = Monday
}

// One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one, and
// every date cell read and every formatDate goes through here (a 5,000-row Call Log read took 7.7 s
// of 10 s building them).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone (a BC year is negative). */
export function wallClockFields(time: number, timeZone: string): Fields {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'long',
      hourCycle: 'h23',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(time)).map((p) => [p.type, p.value]));
  const year = Number(parts.year) * (parts.era === 'BC' ? -1 : 1);
  return {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: ((time % 1000) + 1000) % 1000,
    weekday: DAYS.indexOf(String(parts.weekday)) + 1,
  };
}

/** Minutes east of UTC of `timeZone` at `time`. */
export function offsetMinutes(time: number, timeZone: string): number {
  const f = wallClockFields(time, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
  return Math.round((asUtc - time) / 60_000);
}

function zoneName(time: number, timeZone: string, style: 'short' | 'long'): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: style })
    .formatToParts(new Date(time))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(minutes: number, style: 'Z' | 'X1' | 'X2' | 'X3'): string {
  if (minutes === 0 && style !== 'Z') return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (style === 'X1') return `${sign}${h}`;
  if (style === 'X3') return `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

function dayOfYear(f: Fields): number {
  return Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000) + 1;
}

export function formatDate(time: number, timeZone: string, pattern: string): string {
  const f = wallClockFields(time, timeZone);
  return tokenize(pattern)
    .map((token) => {
      if ('text' in token) return token.text;
      const { field, count } = token;
      switch (field) {
        case 'G':
          return f.year > 0 ? 'AD' : 'BC';
        case 'y':
        case 'Y':
          return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
        case 'M':
        case 'L':
          if (count >= 4) return MONTHS[f.month - 1] as string;
          if (count === 3) return (MONTHS[f.month - 1] as string).slice(0, 3);
          return pad(f.month, count);
        case 'd':
          return pad(f.day, count);
        case 'E':
          return count >= 4 ? (DAYS[f.weekday - 1] as string) : (DAYS[f.weekday - 1] as string).slice(0, 3);
        case 'u':
          return pad(f.weekday, count);
        case 'a':
          return f.hour < 12 ? 'AM' : 'PM';
        case 'H':
          return pad(f.hour, count);
        case 'k':
          return pad(f.hour === 0 ? 24 : f.hour, count);
        case 'K':
          return pad(f.hour % 12, count);
        case 'h':
          return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
        case 'm':
          return pad(f.minute, count);
        case 's':
          return pad(f.second, count);
        case 'S':
          return pad(f.ms, count);
        case 'D':
          return pad(dayOfYear(f), count);
        case 'F':
          return pad(Math.floor((f.day - 1) / 7) + 1, count);
        case 'w':
          return pad(Math.floor((dayOfYear(f) - 1) / 7) + 1, count);
        case 'W':
          return pad(Math.floor((f.day - 1) / 7) + 1, count);
        case 'z':
          return zoneName(time, timeZone, count >= 4 ? 'long' : 'short');
        case 'Z':
          return offsetText(offsetMinutes(time, timeZone), 'Z');
        case 'X':
          return offsetText(offsetMinutes(time, timeZone), count === 1 ? 'X1' : count === 2 ? 'X2' : 'X3');
        default:
          throw new PatternError(`Illegal pattern character '${field}'`);
      }
    })
    .join('');
}

/** The instant the wall-clock time `f` names in `timeZone` (the earlier one in a DST overlap). */
export function zonedTime(f: Omit<Fields, 'weekday'>, timeZone: string): number {
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

/** A parse under way: the text, how far it has been read, and the fields read so far. */
interface Parse {
  text: string;
  at: number;
  fields: Omit<Fields, 'weekday'>;
  pm?: boolean;
  hour12?: number;
  /** Minutes east of UTC, when the text names its own zone. */
  offset?: number;
}

/** Reads a number: at most `fixed` digits when set (yyyyMMdd), else as many digits as there are. */
function readNumber(p: Parse, fixed: number | undefined): number | null {
  const m = (fixed ? new RegExp(`^[+-]?\\d{1,${fixed}}`) : /^[+-]?\d+/).exec(p.text.slice(p.at));
  if (!m) return null;
  p.at += m[0].length;
  return Number(m[0]);
}

/** Reads a month or day name, whole or its first three letters: its index in `names`. */
function readName(p: Parse, names: readonly string[]): number | null {
  const lower = p.text.slice(p.at).toLowerCase();
  const index = names.findIndex((o) => lower.startsWith(o.toLowerCase()));
  const short = names.findIndex((o) => lower.startsWith(o.slice(0, 3).toLowerCase()));
  if (index >= 0) {
    p.at += (names[index] as string).length;
    return index;
  }
  if (short >= 0) {
    p.at += 3;
    return short;
  }
  return null;
}

/** Stores a number read into a field; false when there was none. */
function setField(p: Parse, key: keyof Parse['fields'], value: number | null): boolean {
  if (value === null) return false;
  p.fields[key] = value;
  return true;
}

/** Reads one pattern field at the parse position; false when the text does not match it. */
type FieldReader = (p: Parse, count: number, fixed: number | undefined) => boolean;

const readYear: FieldReader = (p, count, fixed) => {
  const value = readNumber(p, fixed);
  // yy reads 00-49 as 20xx and 50-99 as 19xx.
  const century = value !== null && count <= 2 && value < 100 ? (value < 50 ? 2000 : 1900) : 0;
  return setField(p, 'year', value === null ? null : value + century);
};

const readMonth: FieldReader = (p, count, fixed) => {
  if (count < 3) return setField(p, 'month', readNumber(p, fixed));
  const index = readName(p, MONTHS);
  return setField(p, 'month', index === null ? null : index + 1);
};

/** Fields that must be there but say nothing the instant needs (weekday, day of year, week). */
const readIgnored: FieldReader = (p, _count, fixed) => readNumber(p, fixed) !== null;

const readAmPm: FieldReader = (p) => {
  const m = /^(AM|PM)/i.exec(p.text.slice(p.at));
  if (!m) return false;
  p.pm = m[1]?.toUpperCase() === 'PM';
  p.at += 2;
  return true;
};

/** h and K: a 12-hour clock (h's 12 is K's 0), made 24-hour once AM or PM is known. */
const readHour12: FieldReader = (p, _count, fixed) => {
  const value = readNumber(p, fixed);
  if (value === null) return false;
  p.hour12 = value % 12;
  return true;
};

const readZone: FieldReader = (p) => {
  const m = /^(Z|GMT|UTC)?(?:([+-])(\d{2}):?(\d{2})?)?/.exec(p.text.slice(p.at));
  if (!m?.[0]) return false;
  p.at += m[0].length;
  p.offset = m[2] ? (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4] ?? 0)) : 0;
  return true;
};

const FIELD_READERS: Record<string, FieldReader> = {
  y: readYear,
  Y: readYear,
  M: readMonth,
  L: readMonth,
  d: (p, _count, fixed) => setField(p, 'day', readNumber(p, fixed)),
  E: (p) => readName(p, DAYS) !== null,
  u: readIgnored,
  D: readIgnored,
  F: readIgnored,
  w: readIgnored,
  W: readIgnored,
  a: readAmPm,
  H: (p, _count, fixed) => setField(p, 'hour', readNumber(p, fixed)),
  // k counts hours 1-24: its 24 is midnight.
  k: (p, _count, fixed) => {
    const value = readNumber(p, fixed);
    return setField(p, 'hour', value === 24 ? 0 : value);
  },
  h: readHour12,
  K: readHour12,
  m: (p, _count, fixed) => setField(p, 'minute', readNumber(p, fixed)),
  s: (p, _count, fixed) => setField(p, 'second', readNumber(p, fixed)),
  S: (p, _count, fixed) => setField(p, 'ms', readNumber(p, fixed)),
  z: readZone,
  Z: readZone,
  X: readZone,
};

/** Parses `text` with a SimpleDateFormat pattern in `timeZone`; null when it does not match. */
export function parseDate(text: string, timeZone: string, pattern: string): number | null {
  const tokens = tokenize(pattern);
  const p: Parse = {
    text,
    at: 0,
    fields: { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 },
  };
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token;
    if ('text' in token) {
      if (!text.startsWith(token.text, p.at)) return null;
      p.at += token.text.length;
      continue;
    }
    const next = tokens[t + 1];
    // Adjacent numeric fields (yyyyMMdd) take exactly their width; otherwise as many digits as there are.
    const fixed = next && 'field' in next && /[yMdHhKkmsSDu]/.test(next.field) ? token.count : undefined;
    const read = FIELD_READERS[token.field];
    if (!read?.(p, token.count, fixed)) return null;
  }
  return instantOf(p, timeZone);
}

/** The instant the fields read name: in the text's own zone when it gave one, else in `timeZone`. */
function instantOf(p: Parse, timeZone: string): number | null {
  const f = p.fields;
  if (p.hour12 !== undefined) f.hour = p.hour12 + (p.pm ? 12 : 0);
  else if (p.pm !== undefined && p.pm && f.hour < 12) f.hour += 12;
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 || f.minute > 59 || f.second > 60)
    return null;
  if (p.offset !== undefined)
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms) - p.offset * 60_000;
  return zonedTime(f, timeZone);
}
