/**
 * An invented school, generated from a seed: teachers, families, a window of calls and a few
 * principal check-ins, as rows keyed by the headers of src/common/schema.ts. The preview, the tests,
 * the benchmark and the summary all use it, so it is pure and deterministic: the same options always
 * give the same rows (no clock, no Math.random). Every name is made up from small pools of first and
 * family names; emails use the reserved `.example` domain and phones the fictional 555-01xx range.
 *
 * Values are what a person would type: dates as 'YYYY-MM-DD', the log time as 'YYYY-MM-DD HH:MM:SS',
 * ticks as booleans, goals as numbers. Formula columns are left out: set-up writes them.
 */
import {
  CALL_LOG,
  CHECK_INS,
  DEFAULT_PICK_LISTS,
  FAMILIES,
  REACHED,
  type SettingKey,
  type TableSpec,
  TEACHERS,
} from '../src/common/schema';

export type DemoValue = string | number | boolean;
/** One row of a tab, keyed by the schema's header text. */
export type DemoRow = Record<string, DemoValue>;

export interface DemoOptions {
  teachers?: number;
  families?: number;
  /** Calls and attempts inside the window (messy rows come on top). */
  calls?: number;
  /** How many home languages (the first of the Languages pick-list: English, Spanish, Vietnamese...). */
  languages?: number;
  seed?: number;
  /** First day of the call window, 'YYYY-MM-DD'. */
  startDate?: string;
  /** Length of the call window in days. */
  days?: number;
  /** Add rows a real log has: an unknown student id, a blank outcome, a date outside the window. */
  messy?: boolean;
}

export interface DemoPerson {
  name: string;
  email: string;
}

export interface DemoSchool {
  teachers: DemoRow[];
  families: DemoRow[];
  calls: DemoRow[];
  checkIns: DemoRow[];
  /** Values for the Settings tab, by setting key (window = the generated window). */
  settings: Partial<Record<SettingKey, string | number>>;
  /** People who are not teachers: who the preview can sign in as besides a teacher. */
  principal: DemoPerson;
  coach: DemoPerson;
  /** The call window the calls were generated in, inclusive. */
  window: { start: string; end: string };
}

export const DEMO_DEFAULTS: Required<DemoOptions> = {
  teachers: 25,
  families: 400,
  calls: 320,
  languages: 3,
  seed: 2026,
  startDate: '2026-09-08',
  days: 30,
  messy: false,
};

export const DEMO_DOMAIN = 'lanternhill.example';
const FAMILY_MAIL_DOMAIN = 'mail.example';
export const DEMO_SCHOOL_NAME = 'Lantern Hill Elementary (demo)';
/** A student id no demo family has: the messy "unknown student" row uses it. */
export const UNKNOWN_STUDENT_ID = 'S99999';

const DEMO_GRADES = ['K', '1', '2', '3', '4', '5'] as const;

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for invented data, and seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, w] of items) {
      roll -= w;
      if (roll < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIso(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`startDate must be a date such as 2026-09-08, not "${date}".`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).getUTCMonth() !== Number(m[2]) - 1) throw new Error(`"${date}" is not a calendar date.`);
  return ms;
}

const DAY_MS = 86_400_000;
export function addDays(date: string, days: number): string {
  return new Date(parseIso(date) + days * DAY_MS).toISOString().slice(0, 10);
}
function weekday(date: string): number {
  return new Date(parseIso(date)).getUTCDay();
}

// Invented names: common given names and family names combined at random, per home language.
const GIVEN: Record<string, readonly string[]> = {
  English: [
    'Avery',
    'Jordan',
    'Riley',
    'Harper',
    'Mason',
    'Ella',
    'Logan',
    'Nora',
    'Caleb',
    'Ruby',
    'Owen',
    'Ivy',
    'Wyatt',
    'Hazel',
    'Miles',
    'Clara',
    'Declan',
    'Maeve',
    'Rowan',
    'Tessa',
    'Silas',
    'Willa',
    'Jasper',
    'Poppy',
  ],
  Spanish: [
    'Mateo',
    'Lucía',
    'Santiago',
    'Valentina',
    'Diego',
    'Camila',
    'Emilio',
    'Ximena',
    'Tomás',
    'Renata',
    'Joaquín',
    'Paloma',
    'Andrés',
    'Marisol',
    'Rafael',
    'Inés',
    'Gael',
    'Abril',
  ],
  Vietnamese: [
    'Minh',
    'Linh',
    'Bao',
    'Thao',
    'Khoa',
    'Ngoc',
    'Duc',
    'Mai',
    'Tuan',
    'Hanh',
    'Phuc',
    'Yen',
    'Quang',
    'Trang',
  ],
  Arabic: [
    'Omar',
    'Layla',
    'Yusuf',
    'Mariam',
    'Karim',
    'Noor',
    'Samir',
    'Huda',
    'Tariq',
    'Rania',
    'Zayd',
    'Salma',
  ],
  'Haitian Creole': [
    'Jean',
    'Nadège',
    'Wesley',
    'Fabienne',
    'Ricardo',
    'Mirlande',
    'Stevenson',
    'Guerline',
    'Widlyn',
    'Rose',
  ],
  Somali: ['Abdi', 'Hodan', 'Farah', 'Ayaan', 'Hassan', 'Ifrah', 'Mahad', 'Sagal', 'Liban', 'Nasra'],
  Other: ['Alex', 'Sam', 'Kai', 'Noa', 'Rin', 'Tal', 'Ines', 'Milo'],
};
const FAMILY_NAMES: Record<string, readonly string[]> = {
  English: [
    'Whitlock',
    'Brennan',
    'Ashby',
    'Calloway',
    'Pembrook',
    'Hollis',
    'Marlow',
    'Thistle',
    'Yardley',
    'Fenwick',
    'Oakridge',
    'Stanhope',
    'Kettering',
    'Bramwell',
    'Dunmore',
    'Larkspur',
    'Penhallow',
    'Wickham',
  ],
  Spanish: [
    'Arroyo Vega',
    'Quintanar',
    'Solís',
    'Beltrán',
    'Ocampo',
    'Villalta',
    'Echeverri',
    'Montiel',
    'Cifuentes',
    'Barragán',
    'Zamora Ruiz',
    'Lozoya',
    'Urquiza',
    'Valdivia',
  ],
  Vietnamese: ['Tran', 'Phan', 'Vo', 'Dang', 'Huynh', 'Luong', 'Trinh', 'Quach', 'Lam', 'Ton', 'Kieu', 'Mac'],
  Arabic: ['Haddad', 'Nasser', 'Khalil', 'Saleh', 'Mansour', 'Darwish', 'Farouk', 'Qasim', 'Sabbagh'],
  'Haitian Creole': [
    'Baptiste',
    'Toussaint',
    'Célestin',
    'Dorvil',
    'Jolicoeur',
    'Pierre-Louis',
    'Saintil',
    'Exantus',
  ],
  Somali: ['Warsame', 'Jama', 'Egal', 'Samatar', 'Dualeh', 'Hirsi', 'Abdirahman', 'Nuur'],
  Other: ['Lindqvist', 'Okafor', 'Moreau', 'Kowalczyk', 'Sato', 'Varga'],
};
const TEACHER_GIVEN = [
  'Dana',
  'Marcus',
  'Priya',
  'Elena',
  'Theo',
  'Grace',
  'Samuel',
  'Iris',
  'Felix',
  'June',
];
const TEACHER_FAMILY = [
  'Okonkwo',
  'Fairbanks',
  'Delacroix',
  'Lindgren',
  'Abernathy',
  'Castellanos',
  'Wexley',
  'Nakamura',
  'Sorensen',
  'Quill',
];

const STRENGTHS = [
  'Loves building things with blocks and explaining how they work',
  'Very kind to younger cousins; a natural helper at home',
  'Draws every day and tells long stories about the pictures',
  'Curious about animals; knows every bird at the park',
  'Brave about trying new foods and new games',
  'Sings in church choir and remembers every song',
  'Good at sharing and making new friends',
  'Counts everything: stairs, cars, buttons',
  'Helps cook dinner and measures the rice',
  'Reads comics with big brother every night',
  'Plays soccer on weekends and never gives up',
  'Speaks two languages and translates for grandma',
];
const HOPES = [
  'Feel confident reading out loud',
  'Make a close friend in class',
  'Keep loving school like last year',
  'Get more comfortable asking for help',
  'Grow in math and not feel nervous about it',
  'Learn to write longer stories',
  'Be calmer in the mornings before school',
  'Join an after-school club',
  'Keep up with English while staying strong in our home language',
];
const LEARNED = [
  'Mornings are hard; the family works early shifts. Text is best after 6 pm.',
  'Grandmother does pick-up and would like notes in Spanish.',
  'Big sister helps with homework; she can be a contact too.',
  'Family just moved; the child misses old friends. Pair with a buddy.',
  'Loves science: bring in the class plant project early.',
  'Family would like to volunteer for the reading night.',
  'Prefers video calls on Saturdays.',
  'Was nervous about last year; wants regular good-news messages.',
];
const FOLLOW_UPS = [
  'Send the reading-night flyer in the home language',
  'Call back on Saturday morning',
  'Share the after-school club sign-up',
  'Introduce the family to the school counselor',
  'Send a good-news note at the end of the week',
  'Book an interpreter for the next call',
];
const WORKING = [
  'Calls in the first week of school went well; families appreciated the tone.',
  'Texting first to set a time has raised the pick-up rate.',
  'Using the interpreter line made two long conversations possible.',
];
const NEXT_STEPS = [
  'Block two 20-minute slots a week; coach to cover lunch duty on Thursday.',
  'Try evening calls for the families not reached yet.',
  'Ask the front office for updated numbers for the wrong-number families.',
];
const RELATIONSHIP_WEIGHTS: readonly (readonly [string, number])[] = [
  ['Mother', 45],
  ['Father', 28],
  ['Grandparent', 12],
  ['Aunt or uncle', 5],
  ['Guardian', 5],
  ['Foster parent', 2],
  ['Other', 3],
];
const OUTCOME_WEIGHTS: readonly (readonly [string, number])[] = [
  [REACHED, 52],
  ['Left a message', 20],
  ['No answer', 14],
  ['Call back scheduled', 8],
  ['Wrong or disconnected number', 3],
];
const METHOD_WEIGHTS: readonly (readonly [string, number])[] = [
  ['Phone', 70],
  ['Text', 10],
  ['Video', 8],
  ['In person', 9],
  ['Home visit', 3],
];

function emailOf(given: string, family: string, taken: Set<string>, domain = DEMO_DOMAIN): string {
  const base = `${given}.${family}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z.]+/g, '');
  let email = `${base}@${domain}`;
  for (let n = 2; taken.has(email); n++) email = `${base}${n}@${domain}`;
  taken.add(email);
  return email;
}

interface FamilyFacts {
  row: DemoRow;
  id: string;
  name: string;
  caregiver: string;
  relationship: string;
  language: string;
  interpreter: boolean;
  teacher: number;
  /** The number on file no longer works: every call to it is a wrong number. */
  badNumber: boolean;
  /** Reached, or found to have a wrong number: the homeroom teacher stops calling. */
  done: boolean;
}

/** Generates an invented school. Pure: the same options always give deep-equal results. */
export function generateDemoSchool(options: DemoOptions = {}): DemoSchool {
  const o = { ...DEMO_DEFAULTS, ...options };
  for (const key of ['teachers', 'families', 'calls', 'languages', 'days'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0)
      throw new Error(`${key} must be a whole number, not ${o[key]}.`);
  }
  if (o.teachers < 1) throw new Error('A demo school needs at least one teacher.');
  if (o.days < 1) throw new Error('The call window needs at least one day.');
  const languages = DEFAULT_PICK_LISTS.languages.slice(0, Math.max(1, o.languages));
  const start = o.startDate;
  parseIso(start);
  const end = addDays(start, o.days - 1);
  const dice = new Dice(rng(o.seed));
  const emails = new Set<string>();
  const teacherNames = new Set<string>();

  // Teachers: one grade each (K-5 in turn), most with the default goal, some with their own.
  const teacherFacts = Array.from({ length: o.teachers }, (_, i) => {
    const given = TEACHER_GIVEN[i % TEACHER_GIVEN.length] ?? 'Dana';
    const family =
      TEACHER_FAMILY[(i * 3 + Math.floor(i / TEACHER_GIVEN.length)) % TEACHER_FAMILY.length] ?? 'Quill';
    let name = `${given} ${family}`;
    for (let n = 2; teacherNames.has(name); n++) name = `${given} ${family} ${n}`;
    teacherNames.add(name);
    const email = emailOf(given, family, emails);
    // Part-time staff get a smaller goal; a few keen ones a bigger one; blank = the Settings default.
    const goal: number | '' = dice.weighted<number | ''>([
      ['', 60],
      [5, 15],
      [12, 15],
      [15, 10],
    ]);
    // How busy each teacher is: a few have not started (the last one always), most call steadily.
    const activity =
      i === o.teachers - 1
        ? 0
        : dice.weighted([
            [0, 1],
            [0.4, 3],
            [1, 10],
            [1.8, 4],
          ]);
    return { name, email, goal, grade: DEMO_GRADES[i % DEMO_GRADES.length] ?? 'K', activity };
  });
  const teachers: DemoRow[] = teacherFacts.map((t) => ({ Name: t.name, Email: t.email, Goal: t.goal }));

  // Families: a language mix led by the first language, a homeroom teacher each (round robin).
  const languageWeights = languages.map(
    (lang, i) => [lang, i === 0 ? 60 : 40 / (languages.length - 1)] as const,
  );
  const studentNames = new Set<string>();
  const families: FamilyFacts[] = [];
  for (let i = 0; i < o.families; i++) {
    const language = languages.length === 1 ? (languages[0] ?? 'English') : dice.weighted(languageWeights);
    const givenPool = GIVEN[language] ?? GIVEN.Other ?? [];
    const familyPool = FAMILY_NAMES[language] ?? FAMILY_NAMES.Other ?? [];
    const surname = dice.pick(familyPool);
    let studentName = `${dice.pick(givenPool)} ${surname}`;
    for (let n = 2; studentNames.has(studentName); n++)
      studentName = `${dice.pick(givenPool)} ${surname} ${n}`;
    studentNames.add(studentName);
    const relationship = dice.weighted(RELATIONSHIP_WEIGHTS);
    const caregiver = `${dice.pick(givenPool)} ${surname}`;
    const second = dice.chance(0.4) ? ` and ${dice.pick(givenPool)} ${surname}` : '';
    const teacher = i % o.teachers;
    const interpreter = language !== languages[0] && dice.chance(0.55);
    const id = `S${String(10001 + i)}`;
    const phone = `(${dice.pick(['413', '508', '617', '774', '781'])}) 555-01${String(dice.int(0, 99)).padStart(2, '0')}`;
    const row: DemoRow = {
      'Student ID': id,
      'Student Name': studentName,
      Grade: teacherFacts[teacher]?.grade ?? 'K',
      'Homeroom Teacher Email': teacherFacts[teacher]?.email ?? '',
      'Caregiver Names': `${caregiver}${second}`,
      'Caregiver Relationship': second ? 'Parents' : relationship,
      Phone: phone,
      'Family Email': dice.chance(0.7)
        ? emailOf(caregiver.split(' ')[0] ?? 'family', surname, emails, FAMILY_MAIL_DOMAIN)
        : '',
      'Preferred Language': language,
      'Interpreter Needed': interpreter,
      'Best Way and Time to Reach': '',
      'Who Is in the Family': '',
      "Child's Strengths and Interests": '',
      'Hopes This Year': '',
      'Family Strengths and Traditions': '',
      'Anything Else to Know': '',
    };
    families.push({
      row,
      id,
      name: studentName,
      caregiver,
      relationship,
      language,
      interpreter,
      teacher,
      badNumber: dice.chance(0.05),
      done: false,
    });
  }

  // School days of the window (calls happen Monday to Friday, a few on Saturday).
  const days: string[] = [];
  for (let d = 0; d < o.days; d++) days.push(addDays(start, d));
  const schoolDays = days.filter((d) => weekday(d) !== 0 && (weekday(d) !== 6 || dice.chance(0.3)));
  const callDays = schoolDays.length ? schoolDays : days;

  const byTeacher = teacherFacts.map((_, t) => families.filter((f) => f.teacher === t));
  const teacherWeights = teacherFacts.map((t, i) => [i, t.activity] as const).filter(([, w]) => w > 0);
  const calls: DemoRow[] = [];
  for (let n = 0; n < o.calls && families.length && teacherWeights.length; n++) {
    const t = dice.weighted(teacherWeights);
    const teacher = teacherFacts[t];
    if (!teacher) break;
    // Mostly their own homeroom families not reached yet; sometimes a sibling's or a colleague's family.
    const own = byTeacher[t] ?? [];
    const ownOpen = own.filter((f) => !f.done);
    const pool =
      ownOpen.length && dice.chance(0.88) ? ownOpen : own.length && dice.chance(0.7) ? own : families;
    const family = dice.pick(pool);
    const date =
      callDays[Math.min(callDays.length - 1, Math.floor((n / Math.max(1, o.calls)) * callDays.length))];
    if (!date) break;
    const outcome = family.badNumber ? 'Wrong or disconnected number' : dice.weighted(OUTCOME_WEIGHTS);
    const reached = outcome === REACHED;
    if (reached || family.badNumber) family.done = true;
    const method = family.badNumber ? 'Phone' : dice.weighted(METHOD_WEIGHTS);
    const interpreterUsed =
      family.interpreter && (reached || outcome === 'Call back scheduled') && dice.chance(0.85);
    const followUp = outcome === 'Call back scheduled' || (reached && dice.chance(0.3));
    const followUpBy = followUp ? addDays(date, dice.int(2, 10)) : '';
    // Follow-ups due early in the window are mostly done; later ones mostly still open.
    const done =
      followUp &&
      followUpBy < end &&
      dice.chance(followUpBy < addDays(start, Math.floor(o.days / 2)) ? 0.75 : 0.3);
    const hour = dice.int(7, 19);
    const loggedOn = dice.chance(0.8) ? date : addDays(date, 1);
    calls.push({
      'Logged At': `${loggedOn} ${String(hour).padStart(2, '0')}:${String(dice.int(0, 59)).padStart(2, '0')}:00`,
      'Teacher Email': teacher.email,
      Teacher: teacher.name,
      'Call Date': date,
      'Student ID': family.id,
      'Student Name': family.name,
      'Person Reached': reached || outcome === 'Call back scheduled' ? family.caregiver : '',
      Relationship: reached || outcome === 'Call back scheduled' ? family.relationship : '',
      Method: method,
      Outcome: outcome,
      Language: reached ? family.language : '',
      'Interpreter Used': interpreterUsed,
      'Strengths the Family Sees': reached ? dice.pick(STRENGTHS) : '',
      'Family Hopes': reached ? dice.pick(HOPES) : '',
      'What I Learned': reached && dice.chance(0.6) ? dice.pick(LEARNED) : '',
      'Follow-up Needed': followUp
        ? outcome === 'Call back scheduled'
          ? 'Call back at the time the family asked for'
          : dice.pick(FOLLOW_UPS)
        : '',
      'Follow-up By': followUpBy,
      'Follow-up Done': done,
      'Submission ID': `demo-${o.seed}-${String(n + 1).padStart(5, '0')}`,
    });
  }

  if (o.messy && calls.length) {
    const base = calls[0] as DemoRow;
    const messy = (suffix: string, changes: DemoRow): DemoRow => ({
      ...base,
      ...changes,
      'Submission ID': `demo-${o.seed}-messy-${suffix}`,
    });
    calls.push(
      messy('unknown-student', { 'Student ID': UNKNOWN_STUDENT_ID, 'Student Name': 'Not on the roster' }),
      messy('blank-outcome', { Outcome: '', 'Strengths the Family Sees': '', 'Family Hopes': '' }),
      messy('outside-window', {
        'Call Date': addDays(start, -20),
        'Logged At': `${addDays(start, -20)} 10:00:00`,
      }),
    );
  }

  // The principal checks in with about a third of the teachers, in the second half of the window.
  const principal: DemoPerson = { name: 'Rosalind Achterberg', email: `principal@${DEMO_DOMAIN}` };
  const coach: DemoPerson = { name: 'Tobias Wendell-Mbeki', email: `coach@${DEMO_DOMAIN}` };
  const checkIns: DemoRow[] = [];
  for (let t = 0; t < teacherFacts.length; t += 3) {
    const teacher = teacherFacts[t];
    if (!teacher) continue;
    checkIns.push({
      Date: addDays(start, Math.min(o.days - 1, Math.floor(o.days / 2) + (t % 7))),
      'Teacher Email': teacher.email,
      "What's Working": dice.pick(WORKING),
      'Next Step': dice.pick(NEXT_STEPS),
      By: principal.name,
    });
  }

  const year = Number(start.slice(0, 4));
  const schoolYear =
    Number(start.slice(5, 7)) >= 7
      ? `${year}-${String((year + 1) % 100).padStart(2, '0')}`
      : `${year - 1}-${String(year % 100).padStart(2, '0')}`;
  return {
    teachers,
    families: families.map((f) => f.row),
    calls,
    checkIns,
    settings: {
      schoolName: DEMO_SCHOOL_NAME,
      schoolYear,
      windowStart: start,
      windowEnd: end,
      defaultGoal: 10,
      goalCounts: 'Conversations',
      schoolGoal: 0.6,
    },
    principal,
    coach,
    window: { start, end },
  };
}

/**
 * The headers a generated row fills, in the schema's column order: every column but the formula
 * ones. Formula columns come last on every table, so these rows line up with a freshly set-up tab.
 */
export function dataHeaders(spec: TableSpec): string[] {
  const firstFormula = spec.columns.findIndex((c) => c.type === 'formula');
  if (firstFormula >= 0 && spec.columns.slice(firstFormula).some((c) => c.type !== 'formula')) {
    throw new Error(`${spec.name}: a typed column follows a formula column; rows would not line up.`);
  }
  return spec.columns.filter((c) => c.type !== 'formula').map((c) => c.header);
}

/** Rows as a 2-D array in the schema's column order (see dataHeaders); a missing value is ''. */
export function toRows(spec: TableSpec, rows: readonly DemoRow[]): DemoValue[][] {
  const headers = dataHeaders(spec);
  return rows.map((row) => headers.map((h) => row[h] ?? ''));
}

/** Every table of a demo school as 2-D rows, ready for appendRows on a set-up workbook. */
export function demoTables(school: DemoSchool): { spec: TableSpec; rows: DemoValue[][] }[] {
  return [
    { spec: TEACHERS, rows: toRows(TEACHERS, school.teachers) },
    { spec: FAMILIES, rows: toRows(FAMILIES, school.families) },
    { spec: CALL_LOG, rows: toRows(CALL_LOG, school.calls) },
    { spec: CHECK_INS, rows: toRows(CHECK_INS, school.checkIns) },
  ];
}
