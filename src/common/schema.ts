/**
 * The workbook contract: tab names, headers, column types, pick-lists and help text. Set-up, the goal
 * formulas, the sidebar fields, the summary and the tests all read this one module. Code finds
 * columns by header name (case and spacing forgiven), never by position, so people may reorder
 * columns, add their own and sort rows.
 */

export const TAB = {
  settings: 'Settings',
  teachers: 'Teachers',
  families: 'Families',
  callLog: 'Call Log',
  summary: 'Summary',
  checkIns: 'Check-ins',
} as const;
export type TabKey = keyof typeof TAB;
export type TabName = (typeof TAB)[TabKey];

/** How a column's cells are typed, validated and formatted. */
export type ColumnType =
  | 'text' // short free text, written through the cell encoder
  | 'longtext' // notes (bounded length), written through the cell encoder
  | 'id' // an identifier kept as text ("007" stays "007")
  | 'email'
  | 'date' // a calendar date in the spreadsheet's time zone
  | 'datetime'
  | 'number'
  | 'percent'
  | 'boolean' // a checkbox
  | 'pick' // one value of a Settings pick-list
  | 'formula'; // computed by a column formula written by set-up; never typed

export type PickListKey = 'methods' | 'outcomes' | 'relationships' | 'languages' | 'grades';

export interface ColumnSpec {
  /** The header text people see. Matching forgives case, spacing, underscores and punctuation. */
  readonly header: string;
  readonly type: ColumnType;
  readonly help: string;
  readonly pickList?: PickListKey;
  /** Must name a row of another tab (validated by set-up as a dropdown from that column). */
  readonly references?: { readonly tab: TabKey; readonly column: string };
  readonly required?: boolean;
  /** Column width in pixels set by set-up. */
  readonly width?: number;
  /** Hidden by set-up (still readable by scripts and people who unhide it). */
  readonly hidden?: boolean;
  /** Other header spellings accepted when importing a roster ("Student Name" for "Student"). */
  readonly aliases?: readonly string[];
}

export interface TableSpec {
  readonly key: TabKey;
  readonly name: TabName;
  readonly columns: readonly ColumnSpec[];
}

/** The text of the call outcome that counts as a conversation. Formulas compare against it. */
export const REACHED = 'Reached';

export const DEFAULT_PICK_LISTS: Readonly<Record<PickListKey, readonly string[]>> = {
  methods: ['Phone', 'Video', 'In person', 'Home visit', 'Text'],
  outcomes: [REACHED, 'Left a message', 'No answer', 'Wrong or disconnected number', 'Call back scheduled'],
  relationships: [
    'Mother',
    'Father',
    'Grandparent',
    'Aunt or uncle',
    'Guardian',
    'Foster parent',
    'Sibling',
    'Other',
  ],
  languages: ['English', 'Spanish', 'Vietnamese', 'Arabic', 'Haitian Creole', 'Somali', 'Other'],
  grades: ['K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'],
};

export const PICK_LIST_HEADERS: Readonly<Record<PickListKey, string>> = {
  methods: 'Methods',
  outcomes: 'Outcomes',
  relationships: 'Relationships',
  languages: 'Languages',
  grades: 'Grades',
};

/** Conversation prompts (DOMAIN.md), editable in Settings. */
export const DEFAULT_PROMPTS: readonly string[] = [
  'What should I know about your child to help them have a great year?',
  'What is your child really good at, or excited about, outside school?',
  'What are your hopes for them this year?',
  'How and when do you like to hear from me, and in which language?',
  'Is there anything you wish a teacher had asked you before?',
];
export const PROMPTS_HEADER = 'Conversation Prompts';

/** Settings are rows of Setting | Value | About; pick-lists are columns to the right. */
export const SETTINGS_HEADERS = ['Setting', 'Value', 'About'] as const;

export type GoalCounts = 'Conversations' | 'Attempts';

export interface SettingSpec {
  readonly key: SettingKey;
  readonly label: string;
  readonly type: 'text' | 'date' | 'number' | 'percent' | 'choice';
  readonly choices?: readonly string[];
  readonly help: string;
  /** The value a new school starts with (the template copy resets to these). */
  readonly initial: string | number;
  /** Added after the first release: a workbook without its row reads the initial value, no problem. */
  readonly optional?: boolean;
}

/** How set-up formats a Settings value cell, by the setting's type (dates as the rest of the workbook). */
export const SETTING_FORMATS: Partial<Record<SettingSpec['type'], string>> = {
  date: 'yyyy-mm-dd',
  percent: '0%',
};

export type SettingKey =
  | 'schoolName'
  | 'schoolYear'
  | 'windowStart'
  | 'windowEnd'
  | 'defaultGoal'
  | 'goalCounts'
  | 'schoolGoal'
  | 'checkInDays'
  | 'teacherNudges';

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'schoolName', label: 'School name', type: 'text', initial: '', help: 'Shown on the Summary tab.' },
  { key: 'schoolYear', label: 'School year', type: 'text', initial: '', help: 'For example 2026-27.' },
  {
    key: 'windowStart',
    label: 'Call window start',
    type: 'date',
    initial: '',
    help: 'First day calls count toward goals. Blank: no start.',
  },
  {
    key: 'windowEnd',
    label: 'Call window end',
    type: 'date',
    initial: '',
    help: 'Last day calls count toward goals. Blank: no end.',
  },
  {
    key: 'defaultGoal',
    label: 'Default goal per teacher',
    type: 'number',
    initial: 10,
    help: 'Used when a teacher has no goal of their own on the Teachers tab.',
  },
  {
    key: 'goalCounts',
    label: 'Goal counts',
    type: 'choice',
    choices: ['Conversations', 'Attempts'],
    initial: 'Conversations',
    help: 'Conversations: only calls whose outcome is Reached. Attempts: every call logged.',
  },
  {
    key: 'schoolGoal',
    label: 'School goal: share of teachers meeting their goal',
    type: 'percent',
    initial: 0.6,
    help: 'For example 60%. The Summary compares the school against it.',
  },
  {
    key: 'checkInDays',
    label: 'Check in with each teacher every (days)',
    type: 'number',
    initial: 14,
    optional: true,
    help: 'Record a check-in lists the teachers with no check-in in this many days.',
  },
  {
    key: 'teacherNudges',
    label: 'Weekly nudge to teachers below their goal',
    type: 'choice',
    choices: ['No', 'Yes'],
    initial: 'No',
    optional: true,
    help: 'Yes: once weekly reminders are on, each teacher below their goal gets a short mail with their figures.',
  },
];

const col = (
  header: string,
  type: ColumnType,
  help: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({
  header,
  type,
  help,
  ...extra,
});

export const TEACHERS: TableSpec = {
  key: 'teachers',
  name: TAB.teachers,
  columns: [
    col('Name', 'text', "The teacher's name as colleagues know it.", {
      required: true,
      width: 180,
      aliases: ['Teacher', 'Teacher Name', 'Full Name'],
    }),
    col('Email', 'email', 'The Google account the teacher signs in with. One row per teacher.', {
      required: true,
      width: 220,
      aliases: ['Teacher Email', 'E-mail'],
    }),
    col('Goal', 'number', 'Calls this teacher aims for. Blank: the default goal in Settings.', {
      width: 70,
      aliases: ['Call Goal', 'Target'],
    }),
    col('Calls Logged', 'formula', 'Every call or attempt logged by this teacher inside the call window.', {
      width: 90,
    }),
    col('Conversations', 'formula', 'Calls whose outcome is Reached, inside the call window.', {
      width: 110,
    }),
    col('Families Reached', 'formula', 'Different families this teacher has had a conversation with.', {
      width: 110,
    }),
    col(
      'Own Families Reached',
      'formula',
      "Share of this teacher's homeroom families that anyone has reached.",
      { width: 120 },
    ),
    col('Percent of Goal', 'formula', 'Conversations (or attempts, per Settings) divided by the goal.', {
      width: 100,
    }),
    col('Status', 'formula', 'Not started, In progress, Met or Exceeded.', { width: 100 }),
    col('Last Call', 'formula', 'Date of the most recent call logged by this teacher.', { width: 100 }),
  ],
};

export const FAMILIES: TableSpec = {
  key: 'families',
  name: TAB.families,
  columns: [
    col('Student ID', 'id', "The school's id for the student. One row per student.", {
      required: true,
      width: 100,
      aliases: ['ID', 'Student Number', 'SIS ID'],
    }),
    col('Student Name', 'text', "The student's name.", {
      required: true,
      width: 170,
      aliases: ['Student', 'Name'],
    }),
    col('Grade', 'pick', 'Grade level (pick-list in Settings).', {
      pickList: 'grades',
      width: 60,
      aliases: ['Grade Level'],
    }),
    col(
      'Homeroom Teacher Email',
      'email',
      'Email of the teacher whose families these are (must be on Teachers).',
      {
        references: { tab: 'teachers', column: 'Email' },
        width: 200,
        aliases: ['Teacher Email', 'Homeroom Teacher', 'Teacher'],
      },
    ),
    col('Caregiver Names', 'text', 'Parents or caregivers, as the family names them.', {
      width: 170,
      aliases: ['Caregiver', 'Caregivers', 'Parent Names', 'Parent'],
    }),
    col('Caregiver Relationship', 'text', 'Their relationship to the student.', {
      width: 120,
      aliases: ['Relationship'],
    }),
    col('Phone', 'text', 'Best phone number.', { width: 120, aliases: ['Phone Number', 'Telephone'] }),
    col('Family Email', 'email', "The family's email.", {
      width: 180,
      aliases: ['Email', 'Parent Email', 'Caregiver Email'],
    }),
    col('Preferred Language', 'pick', 'Language the family prefers (pick-list in Settings).', {
      pickList: 'languages',
      width: 110,
      aliases: ['Language', 'Home Language'],
    }),
    col('Interpreter Needed', 'boolean', 'Tick if the family asks for an interpreter.', {
      width: 90,
      aliases: ['Interpreter'],
    }),
    col('Best Way and Time to Reach', 'longtext', 'What the family has told us: channel, days, hours.', {
      width: 180,
    }),
    col('Who Is in the Family', 'longtext', 'The family as the family describes it.', { width: 180 }),
    col("Child's Strengths and Interests", 'longtext', 'What the family sees as the child’s strengths.', {
      width: 200,
    }),
    col('Hopes This Year', 'longtext', "The family's hopes for the child this year.", { width: 200 }),
    col('Family Strengths and Traditions', 'longtext', 'What the family brings and celebrates.', {
      width: 200,
    }),
    col('Anything Else to Know', 'longtext', 'Anything else the family wants the teacher to know.', {
      width: 200,
    }),
    col(
      'Attempts',
      'formula',
      'Calls or attempts logged for this student (any teacher, inside the call window).',
      { width: 80 },
    ),
    col('Reached', 'formula', 'Yes once any call to this family has the outcome Reached.', { width: 70 }),
    col('Last Contact', 'formula', 'Date of the most recent call logged for this student.', { width: 100 }),
  ],
};

/** The knowledge a teacher fills in over time; the sidebar prompts for what is still unknown. */
export const FAMILY_KNOWLEDGE_COLUMNS: readonly string[] = [
  'Best Way and Time to Reach',
  'Who Is in the Family',
  "Child's Strengths and Interests",
  'Hopes This Year',
  'Family Strengths and Traditions',
  'Anything Else to Know',
];

export const CALL_LOG: TableSpec = {
  key: 'callLog',
  name: TAB.callLog,
  columns: [
    col('Logged At', 'datetime', 'When the call was logged (filled by the sidebar).', { width: 140 }),
    col('Teacher Email', 'email', 'Signed-in email of the teacher who logged the call.', {
      required: true,
      references: { tab: 'teachers', column: 'Email' },
      width: 200,
    }),
    col('Teacher', 'text', "The teacher's name.", { width: 150 }),
    col('Call Date', 'date', 'The day of the call.', { required: true, width: 95 }),
    col('Student ID', 'id', 'Which student’s family (must be on Families).', {
      required: true,
      references: { tab: 'families', column: 'Student ID' },
      width: 95,
    }),
    col('Student Name', 'text', 'Copied from Families when logged.', { width: 150 }),
    col('Person Reached', 'text', 'Who the teacher spoke with (or tried to reach).', { width: 140 }),
    col('Relationship', 'pick', 'Their relationship to the student.', {
      pickList: 'relationships',
      width: 110,
    }),
    col('Method', 'pick', 'Phone, video, in person, home visit or text.', {
      pickList: 'methods',
      required: true,
      width: 90,
    }),
    col('Outcome', 'pick', 'Only Reached counts as a conversation; attempts count too.', {
      pickList: 'outcomes',
      required: true,
      width: 150,
    }),
    col('Language', 'pick', 'Language the call was held in.', { pickList: 'languages', width: 100 }),
    col('Interpreter Used', 'boolean', 'Tick if an interpreter helped.', { width: 90 }),
    col('Strengths the Family Sees', 'longtext', 'What the family sees as their child’s strengths.', {
      width: 220,
    }),
    col('Family Hopes', 'longtext', "The family's hopes for the child this year.", { width: 220 }),
    col('What I Learned', 'longtext', 'What the teacher learned and will do with it.', { width: 220 }),
    col('Follow-up Needed', 'longtext', 'What the teacher promised or needs to do next. Blank: none.', {
      width: 180,
    }),
    col('Follow-up By', 'date', 'When the follow-up is due.', { width: 95 }),
    col('Follow-up Done', 'boolean', 'Tick when the follow-up is done.', { width: 90 }),
    col('Edited At', 'datetime', 'When the teacher last changed this call from the sidebar. Blank: never.', {
      width: 140,
    }),
    col('Submission ID', 'id', 'Made by the sidebar so a resubmitted form is ignored. Leave as is.', {
      width: 120,
      hidden: true,
    }),
  ],
};

export const CHECK_INS: TableSpec = {
  key: 'checkIns',
  name: TAB.checkIns,
  columns: [
    col('Date', 'date', 'Day of the check-in.', { required: true, width: 95 }),
    col('Teacher Email', 'email', 'Teacher the principal checked in with (must be on Teachers).', {
      required: true,
      references: { tab: 'teachers', column: 'Email' },
      width: 200,
    }),
    col("What's Working", 'longtext', 'What is going well with the calls.', { width: 260 }),
    col('Next Step', 'longtext', 'What the teacher will try next, and what support they get.', {
      width: 260,
    }),
    col('By', 'text', 'Who held the check-in.', { width: 140 }),
  ],
};

/** The tabs made of a header row and data rows (Settings and Summary have their own layout). */
export const TABLES: readonly TableSpec[] = [TEACHERS, FAMILIES, CALL_LOG, CHECK_INS];

/** Normalises a header for matching: case, spaces, underscores, hyphens and punctuation forgiven. */
export function headerKey(text: unknown): string {
  return String(text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Notes in the sidebar and in the Call Log are bounded so one row stays readable and small. */
export const MAX_NOTE_LENGTH = 2000;
/** Short text fields (names, who was reached). */
export const MAX_TEXT_LENGTH = 200;

/**
 * The district workbook's own tabs (not part of a school's contract, so not in TAB: set-up and the
 * template copy of a school never create or look for them).
 */
export const DISTRICT_TAB = { schools: 'Schools', district: 'District' } as const;

/** Schools: one row per school workbook, typed by the district lead. */
export const SCHOOLS_COLUMNS: readonly ColumnSpec[] = [
  col('School', 'text', 'The school as the district names it.', { required: true, width: 220 }),
  col('Workbook URL', 'text', "The link to the school's Relationship Calls workbook.", {
    required: true,
    width: 420,
  }),
  col('Notes', 'longtext', "The district's own notes (never read by the roll-up).", { width: 260 }),
];
