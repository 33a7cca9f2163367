/**
 * Reads the Settings tab from its values (one getValues of the whole tab). Settings are rows of
 * Setting | Value | About, found by their label; pick-lists and conversation prompts are columns found
 * by their header in row 1, anywhere on the tab. Nonsense (a goal of "ten", a window that ends before
 * it starts) becomes a sentence naming the cell to fix: callers refuse to act on it rather than guess.
 */
import type { IsoDate } from '../common/rpc';
import {
  DEFAULT_PICK_LISTS,
  DEFAULT_PROMPTS,
  type GoalCounts,
  headerKey,
  PICK_LIST_HEADERS,
  type PickListKey,
  PROMPTS_HEADER,
  SETTING_DEFAULTS,
  SETTINGS,
  SETTINGS_HEADERS,
  type SettingKey,
} from '../common/schema';
import { decodeText, isDate, toIsoDate } from './cell-encoding';
import { isIsoDate } from './dates';

export interface SchoolSettings {
  schoolName: string;
  schoolYear: string;
  windowStart: IsoDate | '';
  windowEnd: IsoDate | '';
  defaultGoal: number;
  goalCounts: GoalCounts;
  schoolGoal: number;
  /** Days after which Record a check-in lists a teacher as due one (parseSettings always sets it). */
  checkInDays?: number;
  /** Whether the weekly reminders also nudge teachers below their goal (parseSettings always sets it). */
  teacherNudges?: boolean;
}

export interface ParsedSettings {
  settings: SchoolSettings;
  pickLists: Record<PickListKey, string[]>;
  prompts: string[];
  /** Where each setting's value lives, e.g. { defaultGoal: 'B6' }, for formulas and messages. */
  cells: Partial<Record<SettingKey, string>>;
  /** Where each pick-list lives, e.g. { methods: 'E2:E' } (rows below its header). */
  pickListColumns: Partial<Record<PickListKey, { column: number; letter: string }>>;
  /** One sentence per problem, naming the cell to fix. Empty when everything is usable. */
  problems: string[];
}

export function columnLetter(column1: number): string {
  let n = column1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A typed date ('2026-09-14' or a Date cell) as 'YYYY-MM-DD', '' when blank, null when not a date. */
export function readDate(value: unknown, timeZone: string): IsoDate | '' | null {
  if (value === '' || value === null || value === undefined) return '';
  if (isDate(value)) return toIsoDate(value, timeZone);
  const text = String(value).trim();
  return isIsoDate(text) ? text : null;
}

type RawSettings = Partial<Record<SettingKey, unknown>>;

/** Finds each setting's row by its label; a missing row (not optional) is a problem naming the column. */
function locateSettings(values: readonly (readonly unknown[])[], problems: string[]) {
  const header = values[0] ?? [];
  const labelCol = Math.max(
    0,
    header.findIndex((h) => headerKey(h) === headerKey(SETTINGS_HEADERS[0])),
  );
  const foundValueCol = header.findIndex((h) => headerKey(h) === headerKey(SETTINGS_HEADERS[1]));
  const valueCol = foundValueCol >= 0 ? foundValueCol : labelCol + 1;
  const cells: ParsedSettings['cells'] = {};
  const raw: RawSettings = {};
  for (const spec of SETTINGS) {
    const rowIndex = values.findIndex(
      (row, i) => i > 0 && headerKey(row[labelCol]) === headerKey(spec.label),
    );
    if (rowIndex < 0) {
      if (spec.optional) continue;
      problems.push(
        `Settings has no "${spec.label}" row (column ${columnLetter(labelCol + 1)}). Type it back, or run Set up this school to add it.`,
      );
      continue;
    }
    cells[spec.key] = `${columnLetter(valueCol + 1)}${rowIndex + 1}`;
    raw[spec.key] = values[rowIndex]?.[valueCol] ?? '';
  }
  return { cells, raw };
}

/** Each setting's value, checked; a blank reads as its schema default, nonsense as a problem. */
function settingValues(
  raw: RawSettings,
  cells: ParsedSettings['cells'],
  problems: string[],
  timeZone: string,
): SchoolSettings {
  const where = (key: SettingKey) => `Settings!${cells[key] ?? '?'}`;
  const label = (key: SettingKey) => SETTINGS.find((s) => s.key === key)?.label ?? key;

  const dateOf = (key: SettingKey): IsoDate | '' => {
    const d = readDate(raw[key], timeZone);
    if (d === null) {
      problems.push(
        `${where(key)}: "${label(key)}" must be a date such as 2026-09-14, not "${decodeText(raw[key], timeZone)}".`,
      );
      return '';
    }
    return d;
  };
  const numberOf = (key: 'defaultGoal' | 'schoolGoal' | 'checkInDays', kind: 'goal' | 'share'): number => {
    const fallback = SETTING_DEFAULTS[key];
    const v = raw[key];
    if (v === '' || v === undefined || v === null) return fallback;
    const n = typeof v === 'number' ? v : Number(String(v).trim().replace(/%$/, ''));
    // A share reads the same typed as 60%, 0.6 or 60: no school goal is above 100%, so a number
    // above 1 is a percentage typed without its sign.
    const typedPercent = (typeof v === 'string' && String(v).trim().endsWith('%')) || (n > 1 && n <= 100);
    const asShare = typedPercent ? n / 100 : n;
    const ok =
      kind === 'goal'
        ? Number.isInteger(n) && n >= 0 && n <= 1000
        : Number.isFinite(asShare) && asShare >= 0 && asShare <= 1;
    if (!ok) {
      problems.push(
        kind === 'goal'
          ? `${where(key)}: "${label(key)}" must be a whole number such as 10, not "${decodeText(v, timeZone)}".`
          : `${where(key)}: "${label(key)}" must be a percentage such as 60%, not "${decodeText(v, timeZone)}".`,
      );
      return fallback;
    }
    return kind === 'goal' ? n : asShare;
  };

  const windowStart = dateOf('windowStart');
  const windowEnd = dateOf('windowEnd');
  if (windowStart && windowEnd && windowEnd < windowStart) {
    problems.push(
      `${where('windowEnd')}: the call window ends (${windowEnd}) before it starts (${windowStart}). Fix the start or the end date.`,
    );
  }
  const nudgeText = decodeText(raw.teacherNudges ?? '', timeZone).trim();
  const teacherNudges = /^(yes|y|true|on)$/i.test(nudgeText);
  if (nudgeText && !teacherNudges && !/^(no|n|false|off)$/i.test(nudgeText)) {
    problems.push(
      `${where('teacherNudges')}: "${label('teacherNudges')}" must be Yes or No, not "${nudgeText}".`,
    );
  }
  const goalText = decodeText(raw.goalCounts ?? '', timeZone).trim();
  let goalCounts = SETTING_DEFAULTS.goalCounts as GoalCounts;
  if (headerKey(goalText) === headerKey('Attempts')) goalCounts = 'Attempts';
  else if (goalText && headerKey(goalText) !== headerKey('Conversations')) {
    problems.push(
      `${where('goalCounts')}: "${label('goalCounts')}" must be Conversations or Attempts, not "${goalText}".`,
    );
  }

  return {
    schoolName: decodeText(raw.schoolName ?? '', timeZone).trim(),
    schoolYear: decodeText(raw.schoolYear ?? '', timeZone).trim(),
    windowStart,
    windowEnd,
    defaultGoal: numberOf('defaultGoal', 'goal'),
    goalCounts,
    schoolGoal: numberOf('schoolGoal', 'share'),
    checkInDays: numberOf('checkInDays', 'goal'),
    teacherNudges,
  };
}

/** The pick-lists and prompts: columns found by header anywhere on the tab; empty or absent: the defaults. */
function settingLists(values: readonly (readonly unknown[])[], timeZone: string) {
  const header = values[0] ?? [];
  const listAt = (title: string): { items: string[]; column: number } | null => {
    const column = header.findIndex((h) => headerKey(h) === headerKey(title));
    if (column < 0) return null;
    const items: string[] = [];
    for (let r = 1; r < values.length; r++) {
      const text = decodeText(values[r]?.[column], timeZone).trim();
      if (text && !items.includes(text)) items.push(text);
    }
    return { items, column };
  };
  const pickLists = {} as Record<PickListKey, string[]>;
  const pickListColumns: ParsedSettings['pickListColumns'] = {};
  for (const key of Object.keys(PICK_LIST_HEADERS) as PickListKey[]) {
    const found = listAt(PICK_LIST_HEADERS[key]);
    pickLists[key] = found?.items.length ? found.items : [...DEFAULT_PICK_LISTS[key]];
    if (found) pickListColumns[key] = { column: found.column, letter: columnLetter(found.column + 1) };
  }
  const promptList = listAt(PROMPTS_HEADER);
  const prompts = promptList?.items.length ? promptList.items : [...DEFAULT_PROMPTS];
  return { pickLists, pickListColumns, prompts };
}

export function parseSettings(values: readonly (readonly unknown[])[], timeZone: string): ParsedSettings {
  const problems: string[] = [];
  const { cells, raw } = locateSettings(values, problems);
  const settings = settingValues(raw, cells, problems, timeZone);
  return { settings, ...settingLists(values, timeZone), cells, problems };
}
