/**
 * Weekly reminders, opt-in by the principal: a digest to them (figures only) and, when Settings says
 * so, a nudge to each teacher below their goal. Turned on and off from the menu (one weekly time
 * trigger per principal, removed when turned off); Send weekly reminders now runs the same thing.
 *
 * What was sent is recorded per ISO week in a document property, claimed under the document lock
 * before sending, so a re-run of the trigger (or two principals' triggers at once) never mails anyone
 * the same week's mail twice.
 * The plan (src/core/reminders.ts) fits the day's mail quota: the digest first, then the nudges, and
 * the digest names whoever was not nudged and why.
 */

import { isoWeek } from '../core/dates';
import { UserError } from '../core/errors';
import { planReminders, type ReminderPlan } from '../core/reminders';
import { activeSpreadsheetOrExplain, currentFigures } from './summary';
import { type TriggerKind, turnOffTrigger, turnOnTrigger } from './triggers';

/** The handler of the weekly trigger (an entry point in src/server/index.ts). */
export const WEEKLY_HANDLER = 'sendWeeklyReminders';
/** Monday morning, spreadsheet time zone: the week's figures before the week's work. */
export const WEEKLY_HOUR = 7;
const WEEKLY: TriggerKind = { key: 'relationshipCalls.reminders.triggerIds', handler: WEEKLY_HANDLER };
/** { week: '2026-W49', keys: ['digest:...', 'nudge:...'] }: only the current week is kept. */
export const SENT_KEY = 'relationshipCalls.reminders.sent';

export interface ReminderOutcome {
  digestSent: boolean;
  nudgesSent: number;
  notNudged: number;
  message: string;
}

function sentThisWeek(raw: string | null, week: string): Set<string> {
  if (!raw) return new Set();
  try {
    const record = JSON.parse(raw) as { week?: unknown; keys?: unknown };
    if (record.week === week && Array.isArray(record.keys))
      return new Set(record.keys.filter((k): k is string => typeof k === 'string'));
  } catch {
    // A record this version cannot read counts as nothing sent this week.
  }
  return new Set();
}

/** Sends what the plan says, digest first; returns the keys of what went, even if a send fails. */
function send(plan: ReminderPlan): { keys: string[]; failed: boolean } {
  const keys: string[] = [];
  const mails = [
    ...(plan.digest && plan.keys.digest ? [{ mail: plan.digest, key: plan.keys.digest }] : []),
    ...plan.nudges.map((mail, i) => ({ mail, key: plan.keys.nudges[i] as string })),
  ];
  for (const { mail, key } of mails) {
    try {
      MailApp.sendEmail(mail.to, mail.subject, mail.body, { name: 'Relationship Calls' });
    } catch (error) {
      // The quota changed under us, or an address was refused: stop, and keep what did go.
      console.error(error instanceof Error ? error.name : 'error', 'sending a weekly reminder');
      return { keys, failed: true };
    }
    keys.push(key);
  }
  return { keys, failed: false };
}

const BUSY = 'The spreadsheet is busy, so no reminder was sent. Try again in a moment.';

/** Runs `change` on this week's record under the document lock, briefly: never while mail is sent. */
function withRecord<T>(week: string, change: (sent: Set<string>) => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(10_000)) throw new UserError(BUSY);
  try {
    const props = PropertiesService.getDocumentProperties();
    const sent = sentThisWeek(props.getProperty(SENT_KEY), week);
    const before = sent.size;
    const result = change(sent);
    if (sent.size !== before) props.setProperty(SENT_KEY, JSON.stringify({ week, keys: [...sent] }));
    return result;
  } finally {
    lock.releaseLock();
  }
}

/**
 * One run. Under the lock: read this week's record, plan against it and the quota, and claim what the
 * plan will send. Then send, with the lock released (a teacher saving a call never waits for mail),
 * and give back the claims of anything that did not go. Two runs at once cannot both claim one mail.
 */
export function runWeeklyReminders(): ReminderOutcome {
  const spreadsheet = activeSpreadsheetOrExplain('The weekly reminders were not sent');
  const { data, figures } = currentFigures(spreadsheet, new Date());
  const principal = Session.getEffectiveUser().getEmail().toLowerCase();
  const week = isoWeek(figures.today);
  const quota = MailApp.getRemainingDailyQuota();
  const workbookUrl = spreadsheet.getUrl();
  const { plan, earlier } = withRecord(week, (sent) => {
    const earlier = sent.size > 0;
    const plan = planReminders({
      figures,
      teachers: data.teachers,
      principal,
      teacherNudges: data.parsed.settings.teacherNudges ?? false,
      sentThisWeek: sent,
      quota,
      workbookUrl,
    });
    for (const key of [plan.keys.digest, ...plan.keys.nudges]) if (key) sent.add(key);
    return { plan, earlier };
  });
  const sent = send(plan);
  const unsent = [plan.keys.digest, ...plan.keys.nudges].filter(
    (key): key is string => Boolean(key) && !sent.keys.includes(key as string),
  );
  if (unsent.length)
    withRecord(week, (record) => {
      for (const key of unsent) record.delete(key);
    });
  return outcome(plan, sent, earlier);
}

function outcome(
  plan: ReminderPlan,
  sent: { keys: string[]; failed: boolean },
  earlierRun: boolean,
): ReminderOutcome {
  const digestSent = Boolean(plan.keys.digest && sent.keys.includes(plan.keys.digest));
  const nudgesSent = sent.keys.filter((k) => k.startsWith('nudge:')).length;
  const parts = [
    digestSent
      ? 'This week’s digest is sent to you.'
      : earlierRun
        ? 'This week’s digest was already sent.'
        : 'No digest was sent: no mail quota is left today, or your account has no email address.',
    `${nudgesSent} teacher ${nudgesSent === 1 ? 'nudge' : 'nudges'} sent.`,
  ];
  if (plan.notNudged.length) parts.push(`${plan.notNudged.length} not nudged (the digest says who and why).`);
  if (sent.failed) parts.push('Sending stopped early: run Send weekly reminders now again later.');
  return { digestSent, nudgesSent, notNudged: plan.notNudged.length, message: parts.join(' ') };
}

/** Menu: turn the caller's weekly reminders on (Mondays around 7:00); twice leaves one trigger. */
export function turnOnWeeklyReminders(): string {
  return turnOnTrigger(
    WEEKLY,
    (builder, timeZone) =>
      builder
        .everyWeeks(1)
        .onWeekDay(ScriptApp.WeekDay.MONDAY)
        .atHour(WEEKLY_HOUR)
        .inTimezone(timeZone)
        .create(),
    {
      already: 'Weekly reminders are already on for you: a digest every Monday morning.',
      on: (timeZone) =>
        `Weekly reminders are on: every Monday around ${WEEKLY_HOUR}:00 (${timeZone}) you get a digest of the figures, and teachers below their goal get a short nudge if Settings says Yes to "Weekly nudge to teachers below their goal". Mail holds figures only, never a family's name or a note.`,
    },
  );
}

/** Menu: turn the caller's weekly reminders off, removing their trigger. */
export function turnOffWeeklyReminders(): string {
  return turnOffTrigger(WEEKLY, {
    off: 'Weekly reminders are off: no more digests or nudges from your account.',
    colleague:
      'You have no weekly reminders on. A colleague turned theirs on; they can turn them off from this menu.',
    already: 'Weekly reminders are already off.',
  });
}
