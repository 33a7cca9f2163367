/**
 * The Settings tab: rows of Setting | Value | About, found by label, and pick-lists and prompts as
 * columns found by header. Each setting's starting value lives here only: a new school starts with
 * it, the template copy resets to it, and parseSettings and the goal formulas fall back to it when a
 * cell is blank.
 */
import type { PickListKey } from './spec';

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

export interface SettingSpec {
  readonly key: SettingKey;
  readonly label: string;
  readonly type: 'text' | 'date' | 'number' | 'percent' | 'choice';
  readonly choices?: readonly string[];
  readonly help: string;
  /** The value a new school starts with (the template copy resets to these), and a blank cell reads as. */
  readonly initial: string | number;
  /** Added after the first release: a workbook without its row reads the initial value, no problem. */
  readonly optional?: boolean;
}

/** How set-up formats a Settings value cell, by the setting's type (dates as the rest of the workbook). */
export const SETTING_FORMATS: Partial<Record<SettingSpec['type'], string>> = {
  date: 'yyyy-mm-dd',
  percent: '0%',
};

const SETTING_LIST = [
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
] as const satisfies readonly SettingSpec[];
export const SETTINGS: readonly SettingSpec[] = SETTING_LIST;

type InitialOf<K extends SettingKey> = Extract<(typeof SETTING_LIST)[number], { readonly key: K }>['initial'];

/** Each setting's starting value, by key: `SETTING_DEFAULTS.defaultGoal` is 10. */
export const SETTING_DEFAULTS = Object.fromEntries(SETTINGS.map((s) => [s.key, s.initial])) as {
  readonly [K in SettingKey]: InitialOf<K> extends number ? number : string;
};

/** Notes in the sidebar and in the Call Log are bounded so one row stays readable and small. */
export const MAX_NOTE_LENGTH = 2000;
/** Short text fields (names, who was reached). */
export const MAX_TEXT_LENGTH = 200;
