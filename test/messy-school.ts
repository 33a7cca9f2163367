/**
 * A seeded, deliberately messy school for the Summary tests: rows as a person might type them, keyed
 * by header. Unknown and blank student ids and teacher emails, blank and odd-case outcomes, the same
 * family called again and again, dates before, after and outside the window or not dates at all, a
 * teacher with no goal and one whose goal is "ten", a student listed twice, a family with no id,
 * languages typed in another case, blank grades and languages, follow-ups with and without due dates,
 * check-ins naming someone who is not a teacher, and notes that start with "=".
 * Every name is invented; emails use the reserved .example domain.
 */
import { CALL_LOG, CHECK_INS, FAMILIES, type TableSpec, TEACHERS } from '../src/common/schema';

export type Value = string | number | boolean | Date;
export type Row = Record<string, Value>;

export interface MessySchool {
  settings: {
    windowStart: string;
    windowEnd: string;
    defaultGoal: number;
    goalCounts: 'Conversations' | 'Attempts';
    schoolGoal: number;
  };
  teachers: Row[];
  families: Row[];
  calls: Row[];
  checkIns: Row[];
}

export interface MessyOptions {
  seed: number;
  teachers?: number;
  families?: number;
  calls?: number;
  goalCounts?: 'Conversations' | 'Attempts';
  windowStart?: string;
  windowEnd?: string;
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const GIVEN = [
  'Wren',
  'Ines',
  'Tobin',
  'Maelle',
  'Corbin',
  'Anouk',
  'Ezra',
  'Lio',
  'Saoirse',
  'Bram',
  'Odile',
  'Kit',
];
const FAMILY = [
  'Quarry',
  'Bellweather',
  'Ostrander',
  'Pimental',
  'Haverly',
  'Nakashima',
  'Oyelaran',
  'Vasquez-Lund',
];
const OUTCOMES = [
  'Reached',
  'Reached',
  'Reached',
  'reached',
  ' REACHED ',
  'Left a message',
  'No answer',
  'Wrong or disconnected number',
  'Call back scheduled',
  '',
];
const LANGUAGES = ['English', 'English', 'English', 'Spanish', 'spanish', 'Vietnamese', 'Somali', ''];
const GRADES = ['K', '1', '2', '3', '4', '5', ''];

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}

export function messySchool(options: MessyOptions): MessySchool {
  const rnd = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const chance = (p: number) => rnd() < p;
  const nTeachers = options.teachers ?? 12;
  const nFamilies = options.families ?? 120;
  const nCalls = options.calls ?? 400;
  const windowStart = options.windowStart ?? '2026-09-01';
  const windowEnd = options.windowEnd ?? '2026-10-31';

  const teachers: Row[] = [];
  const emails: string[] = [];
  for (let i = 0; i < nTeachers; i++) {
    const email = `teacher${i}@school.example`;
    emails.push(email);
    const goal: Value = i === 0 ? '' : i === 1 ? 'ten' : i === 2 ? 0 : 3 + Math.floor(rnd() * 10);
    teachers.push({
      Name: i === 3 ? '=HYPERLINK("x")' : `${pick(GIVEN)} ${pick(FAMILY)} ${i}`,
      Email: email,
      Goal: goal,
    });
  }
  // The same teacher typed twice, in another case: the first row counts.
  teachers.push({ Name: 'Duplicate row', Email: 'TEACHER4@school.example', Goal: 99 });

  const families: Row[] = [];
  const ids: string[] = [];
  for (let i = 0; i < nFamilies; i++) {
    const id = `F${String(i + 1).padStart(3, '0')}`;
    ids.push(id);
    const homeroom = pick(emails);
    families.push({
      'Student ID': id,
      'Student Name': `${pick(GIVEN)} ${pick(FAMILY)}`,
      Grade: pick(GRADES),
      'Homeroom Teacher Email': chance(0.1) ? homeroom.toUpperCase() : homeroom,
      'Preferred Language': pick(LANGUAGES),
      'Interpreter Needed': chance(0.2),
    });
  }
  families.push({ ...(families[5] as Row), 'Student Name': 'Listed twice', 'Preferred Language': 'Somali' });
  families.push({
    'Student ID': '',
    'Student Name': 'No id yet',
    Grade: '2',
    'Preferred Language': 'English',
  });

  const span = Math.round((Date.parse(windowEnd) - Date.parse(windowStart)) / 86_400_000);
  const calls: Row[] = [];
  const favourites = ids.slice(0, 8); // called again and again
  for (let n = 0; n < nCalls; n++) {
    const roll = rnd();
    const teacherEmail =
      roll < 0.03
        ? 'ghost@school.example'
        : roll < 0.04
          ? ''
          : roll < 0.1
            ? pick(emails).toUpperCase()
            : pick(emails);
    const idRoll = rnd();
    const studentId =
      idRoll < 0.03 ? 'ZZ999' : idRoll < 0.04 ? '' : idRoll < 0.25 ? pick(favourites) : pick(ids);
    const dateRoll = rnd();
    const callDate =
      dateRoll < 0.04
        ? addDays(windowStart, -1 - Math.floor(rnd() * 30))
        : dateRoll < 0.08
          ? addDays(windowEnd, 1 + Math.floor(rnd() * 30))
          : dateRoll < 0.1
            ? ''
            : dateRoll < 0.11
              ? 'next Tuesday'
              : addDays(windowStart, Math.floor(rnd() * (span + 1)));
    const outcome = pick(OUTCOMES);
    const reached = outcome.trim().toLowerCase() === 'reached';
    const followUp = chance(0.3) ? (chance(0.1) ? '=call back' : 'Send the club flyer') : '';
    calls.push({
      'Teacher Email': teacherEmail,
      Teacher: 'as typed',
      'Call Date': callDate,
      'Student ID': studentId,
      'Student Name': 'as typed',
      Method: 'Phone',
      Outcome: outcome,
      Language: reached ? pick(LANGUAGES) : '',
      'Interpreter Used': reached && chance(0.2),
      'Strengths the Family Sees':
        reached && chance(0.8) ? pick(['Kind to everyone', '=SUM(1,2)', 'Loves maps']) : '',
      'Family Hopes': '',
      'What I Learned': chance(0.4) ? `Learned note ${n}` : '',
      'Follow-up Needed': followUp,
      'Follow-up By': followUp && chance(0.8) ? addDays(windowStart, Math.floor(rnd() * (span + 20))) : '',
      'Follow-up Done': followUp !== '' && chance(0.4),
      'Submission ID': `sub-${options.seed}-${n}`,
    });
  }

  const checkIns: Row[] = [];
  for (let i = 0; i < nTeachers; i++) {
    if (!chance(0.5)) continue;
    for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
      checkIns.push({
        Date: addDays(windowStart, Math.floor(rnd() * span)),
        'Teacher Email': emails[i] as string,
        "What's Working": 'Evening calls',
        'Next Step': 'Two more this week',
        By: 'Principal Example',
      });
    }
  }
  checkIns.push({
    Date: windowStart,
    'Teacher Email': 'nobody@school.example',
    "What's Working": '',
    'Next Step': '',
    By: '',
  });

  return {
    settings: {
      windowStart,
      windowEnd,
      defaultGoal: 8,
      goalCounts: options.goalCounts ?? 'Conversations',
      schoolGoal: 0.6,
    },
    teachers,
    families,
    calls,
    checkIns,
  };
}

/** Headers of a tab without its formula columns, and rows in that order ('' where a row has no value). */
/**
 * A table's values as getValues returns them once the rows are typed into Sheets: an ISO date typed
 * into a date column is a date cell (a Date, noon UTC so it is the same day in the tests' time zones);
 * anything else typed there ("next Tuesday") stays text.
 */
export function tableRows(spec: TableSpec, rows: readonly Row[]): Value[][] {
  const columns = spec.columns.filter((c) => c.type !== 'formula');
  const cell = (type: string, v: Value | undefined): Value => {
    const m = type === 'date' && typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)) : (v ?? '');
  };
  return [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cell(c.type, r[c.header])))];
}

export const SPECS = { teachers: TEACHERS, families: FAMILIES, calls: CALL_LOG, checkIns: CHECK_INS };
