/**
 * The weekly reminders, decided before anything is sent: the principal's digest (figures only) and a
 * short nudge to each teacher below their goal, within what is left of Apps Script's daily mail quota
 * and never twice in one ISO week. Pure: the server reads the tables, the quota and what this week
 * already sent, then sends what the plan says and records it.
 *
 * Privacy: a mail holds counts, shares, the school's own group names (languages, grades), teacher
 * names and the workbook's link. It is built only from SummaryFigures' counts and teacher rows, never
 * from a family's row or a call's notes, so nothing a family told a teacher can reach an inbox.
 */
import { isoWeek } from './dates';
import type { TeacherRecord } from './records';
import type { SummaryFigures, TeacherRow } from './summary';

export interface Mail {
  to: string;
  subject: string;
  body: string;
}

/** A teacher who was not nudged, and why (said in the digest). */
export interface NotNudged {
  name: string;
  reason: string;
}

export interface ReminderPlan {
  week: string;
  /** Null when this week's digest went already, or there is no quota left to send it. */
  digest: Mail | null;
  nudges: (Mail & { teacher: string })[];
  notNudged: NotNudged[];
  /** Keys to add to this week's record once sent: 'digest:<email>' and 'nudge:<email>'. */
  keys: { digest: string | null; nudges: string[] };
}

export interface ReminderInput {
  figures: SummaryFigures;
  /** Every row of the Teachers tab, to name the rows with no valid email. */
  teachers: readonly TeacherRecord[];
  /** Who gets the digest: the person the run acts as (the trigger's owner). */
  principal: string;
  teacherNudges: boolean;
  /** Keys already sent this ISO week (from the document's record). */
  sentThisWeek: ReadonlySet<string>;
  /** MailApp.getRemainingDailyQuota(): recipients left today. */
  quota: number;
  workbookUrl: string;
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;
export const isMailable = (email: string): boolean => EMAIL.test(email);

// Re-exported for the tests that import it from here; new code imports ./dates.
export { isoWeek };

const percent = (share: number | null) => (share === null ? '' : ` (${Math.round(share * 100)}%)`);
const n = (x: number) => x.toLocaleString('en-US');

/** Below their goal: not started or in progress, with a goal to reach. */
export function belowGoal(t: TeacherRow): boolean {
  return t.goal > 0 && (t.status === 'Not started' || t.status === 'In progress');
}

/** "You have reached 4 of 10. 6 of your families are not yet reached. Open the school workbook." */
export function nudgeBody(t: TeacherRow, school: string, url: string): string {
  const done =
    t.counts === 'Attempts'
      ? `You have logged ${n(t.done)} of your ${n(t.goal)} calls.`
      : `You have reached ${n(t.done)} of ${n(t.goal)}.`;
  const own =
    t.ownFamiliesNotReached > 0 ? ` ${n(t.ownFamiliesNotReached)} of your families are not yet reached.` : '';
  return [
    `${done}${own} Open the school workbook: ${url}`,
    '',
    `A weekly note from Relationship Calls at ${school}. Your principal turned these on; they stop once you reach your goal.`,
  ].join('\n');
}

function digestBody(input: ReminderInput, plan: Pick<ReminderPlan, 'nudges' | 'notNudged'>): string {
  const f = input.figures;
  const goal = `${Math.round(f.schoolGoal * 100)}%`;
  const lines = [
    `Week of ${f.weekStart}, figures as of ${f.today}.`,
    '',
    `Teachers who met or exceeded their goal: ${n(f.teachersAtGoal.count)} of ${n(f.teachersAtGoal.of)}${percent(f.teachersAtGoal.share)}; the school goal is ${goal}.`,
    `Families reached: ${n(f.familiesReached.count)} of ${n(f.familiesReached.of)}${percent(f.familiesReached.share)}. No attempt yet: ${n(f.noAttempt.length)}. Tried but not reached: ${n(f.attemptedNotReached.length)}.`,
    `Reach by language: ${f.languageGap}`,
    `Reach by grade: ${f.gradeGap}`,
    `Follow-ups overdue: ${n(f.followUpsOverdue)} of ${n(f.followUpsOpen)} open.`,
    `Teachers not started: ${n(f.teachersNotStarted.count)} of ${n(f.teachersNotStarted.of)}.`,
    `Calls this week: ${n(f.callsThisWeek)}; conversations so far: ${n(f.conversations)} of ${n(f.calls)} calls and attempts.`,
    '',
  ];
  if (!input.teacherNudges)
    lines.push('Teacher nudges are off (Settings: "Weekly nudge to teachers below their goal").');
  else lines.push(`Nudges sent this run to teachers below their goal: ${n(plan.nudges.length)}.`);
  if (plan.notNudged.length) {
    lines.push('Not nudged:');
    for (const x of plan.notNudged) lines.push(`- ${x.name}: ${x.reason}`);
  }
  lines.push('', `Open the Summary tab for the details: ${input.workbookUrl}`);
  return lines.join('\n');
}

/** Teacher rows with no usable email, named so the principal can fix them on Teachers. */
function unmailable(input: ReminderInput): NotNudged[] {
  const out: NotNudged[] = [];
  for (const t of input.teachers) {
    if (isMailable(t.email)) continue;
    if (!t.email && !t.name) continue;
    out.push({
      name: t.name || t.email,
      reason: `no valid email on the Teachers tab (row ${t.row}), so no nudge was sent`,
    });
  }
  return out;
}

export function planReminders(input: ReminderInput): ReminderPlan {
  const f = input.figures;
  const week = isoWeek(f.today);
  const school = f.schoolName || 'your school';
  const digestKey = `digest:${input.principal.toLowerCase()}`;
  const needDigest = isMailable(input.principal) && !input.sentThisWeek.has(digestKey);
  let left = Math.max(0, Math.floor(input.quota));
  const digestFits = needDigest && left >= 1;
  if (digestFits) left -= 1;

  const nudges: ReminderPlan['nudges'] = [];
  const notNudged: NotNudged[] = input.teacherNudges ? unmailable(input) : [];
  if (input.teacherNudges) {
    const due = f.teacherRows.filter(
      (t) => belowGoal(t) && isMailable(t.email) && !input.sentThisWeek.has(`nudge:${t.email}`),
    );
    for (const t of due) {
      if (left > 0) {
        left -= 1;
        nudges.push({
          teacher: t.email,
          to: t.email,
          subject: `Your relationship calls this week: ${n(t.done)} of ${n(t.goal)}`,
          body: nudgeBody(t, school, input.workbookUrl),
        });
      } else {
        notNudged.push({
          name: t.name,
          reason:
            "Apps Script's daily mail quota ran out; use Send weekly reminders now tomorrow to reach them (nobody gets this week's mail twice)",
        });
      }
    }
  }
  const digest = digestFits
    ? {
        to: input.principal,
        subject: `Relationship calls at ${school}: week of ${f.weekStart}`,
        body: digestBody(input, { nudges, notNudged }),
      }
    : null;
  return {
    week,
    digest,
    nudges,
    notNudged,
    keys: { digest: digest ? digestKey : null, nudges: nudges.map((x) => `nudge:${x.teacher}`) },
  };
}
