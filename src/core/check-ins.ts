/**
 * The principal's check-in loop: who is due a check-in (none in the last N days, N from Settings),
 * and what a recorded check-in must hold. Pure; src/server/check-ins.ts reads and writes the tabs.
 * The due list is shown only to whoever opens Record a check-in, never on the shared Summary tab.
 */
import type { CheckInInput, IsoDate } from '../common/rpc';
import { MAX_NOTE_LENGTH } from '../common/schema';
import { addDays } from './dates';
import type { CheckInRecord, TeacherRecord } from './records';
import { readDate } from './settings';
import { lastCheckIns } from './summary';

export interface TeacherCheckIn {
  name: string;
  email: string;
  lastCheckIn: IsoDate | '';
}

const byName = (a: TeacherCheckIn, b: TeacherCheckIn) =>
  a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;

/** Every teacher with an email, by name, with their latest check-in date. */
export function teacherCheckIns(
  teachers: readonly TeacherRecord[],
  checkIns: readonly CheckInRecord[],
): TeacherCheckIn[] {
  const last = lastCheckIns(checkIns);
  const seen = new Set<string>();
  const out: TeacherCheckIn[] = [];
  for (const t of teachers) {
    if (!t.email || seen.has(t.email)) continue;
    seen.add(t.email);
    out.push({ name: t.name || t.email, email: t.email, lastCheckIn: last.get(t.email) ?? '' });
  }
  return out.sort(byName);
}

/** Teachers with no check-in in the last `days` days (today counts as day 0), by name. */
export function dueForCheckIn(
  all: readonly TeacherCheckIn[],
  today: IsoDate,
  days: number,
): TeacherCheckIn[] {
  const since = addDays(today, -days);
  return all.filter((t) => !t.lastCheckIn || t.lastCheckIn <= since);
}

/** One sentence per problem; empty when the check-in can be written. */
export function checkInProblems(
  input: CheckInInput,
  teacherEmails: ReadonlySet<string>,
  today: IsoDate,
  timeZone: string,
): string[] {
  const problems: string[] = [];
  const email = String(input?.teacherEmail ?? '')
    .trim()
    .toLowerCase();
  if (!email) problems.push('Choose the teacher you checked in with.');
  else if (!teacherEmails.has(email))
    problems.push('That teacher is not on the Teachers tab: choose one from the list.');
  const date = readDate(String(input?.date ?? ''), timeZone);
  if (!date) problems.push('Type the date of the check-in as 2026-11-02.');
  else if (date > today) problems.push('The check-in date is in the future: use today or an earlier day.');
  const working = String(input?.working ?? '').trim();
  const nextStep = String(input?.nextStep ?? '').trim();
  if (!working && !nextStep) problems.push('Write what is working or the next step (or both).');
  for (const [label, text] of [
    ['What is working', working],
    ['Next step', nextStep],
  ] as const) {
    if (text.length > MAX_NOTE_LENGTH)
      problems.push(`${label} is ${text.length} characters; keep it to ${MAX_NOTE_LENGTH}.`);
  }
  return problems;
}
