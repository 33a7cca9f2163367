/**
 * Weekly reminders through the real dist/Code.js in the emulator, on a generated messy school set up
 * by the add-on: one digest to the principal and one nudge per teacher below goal (judged from the
 * Teachers tab's own Status formulas, not from src/core), none to those at goal, nothing personal in
 * any mail, the daily quota respected with the digest first, never the same week's mail twice, and
 * the trigger removed when turned off.
 *
 * Apps Script behaviour relied on: MailApp counts its daily quota in recipients, and
 * getRemainingDailyQuota() says how many are left
 * (developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()); a time
 * trigger runs as the user who created it and ScriptApp.getProjectTriggers() lists only that user's
 * (developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator, type MailRecord, Workbook } from '../../emulator';
import { messySchool, SPECS, tableRows, type Value } from '../../scripts/fixtures/messy-school';
import { SETTINGS } from '../../src/common/schema';
import { DIST } from './school-fixture';

const TZ = 'America/New_York';
const PRINCIPAL = 'principal@school.example';
const NO_EMAIL = 'Quillon Ashgrove-Teller';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Invented personal strings planted in every Families knowledge cell and every Call Log note. */
const planted: string[] = [];
const plant = (kind: string, i: number) => {
  const text = `${kind} Zephyrine-${i}-Marchbanks`;
  planted.push(text);
  return text;
};

function buildSchool(nudges: 'Yes' | 'No' = 'Yes') {
  // Seed 18 of the shared dice (scripts/fixtures/seeded.ts), with its messy shapes: an outcome typed
  // ' REACHED ' (padded) and calls stored with a time of day (tableRows' noon UTC), some on the
  // window's last day. The expectations below come from the Teachers formulas and the nudges from the
  // reminders' own count; the two must agree on both shapes (test/bundle/figures-agree.test.ts).
  const data = messySchool({
    seed: 18,
    teachers: 10,
    families: 60,
    calls: 200,
    windowStart: addDays(today, -40),
    windowEnd: addDays(today, 20),
  });
  data.families.forEach((f, i) => {
    Object.assign(f, {
      'Caregiver Names': plant('Caregiver', i),
      Phone: `555-01${String(i).padStart(2, '0')}-planted`,
      'Family Email': `family${i}.planted@home.example`,
      'Best Way and Time to Reach': plant('Evenings', i),
      'Who Is in the Family': plant('Grandmother', i),
      "Child's Strengths and Interests": plant('Falconry', i),
      'Hopes This Year': plant('Chapter books', i),
      'Family Strengths and Traditions': plant('Tamales', i),
      'Anything Else to Know': plant('Night shift', i),
    });
    planted.push(String(f['Student Name']), String(f.Phone), String(f['Family Email']));
  });
  data.calls.forEach((c, i) => {
    Object.assign(c, {
      'Person Reached': plant('Auntie', i),
      'Strengths the Family Sees': plant('Draws dragons', i),
      'Family Hopes': plant('Make a friend', i),
      'What I Learned': plant('Works late', i),
      'Follow-up Needed': plant('Send the flyer', i),
    });
  });
  data.teachers.push({ Name: NO_EMAIL, Email: 'quillon.at.school', Goal: 5 });
  const workbook = new Workbook({ name: 'Quarry Hill Elementary', timeZone: TZ });
  const label = (key: string) => SETTINGS.find((s) => s.key === key)?.label as string;
  const settings: [string, Value][] = [
    [label('schoolName'), 'Quarry Hill Elementary'],
    [label('windowStart'), data.settings.windowStart],
    [label('windowEnd'), data.settings.windowEnd],
    [label('defaultGoal'), data.settings.defaultGoal],
    [label('teacherNudges'), nudges],
  ];
  workbook.setSheet('Settings', [['Setting', 'Value', 'About'], ...settings.map(([l, v]) => [l, v, ''])]);
  workbook.setSheet('Teachers', tableRows(SPECS.teachers, data.teachers));
  workbook.setSheet('Families', tableRows(SPECS.families, data.families));
  workbook.setSheet('Call Log', tableRows(SPECS.calls, data.calls));
  workbook.setSheet('Check-ins', tableRows(SPECS.checkIns, data.checkIns));
  const emu = new Emulator({ bundleDir: DIST, workbook });
  // Set-up adds the Teachers formulas (Status...) the expectations below are read from.
  const setup = emu.run('setUpSchool', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  expect(setup.error).toBeUndefined();
  return { workbook, emu, defaultGoal: data.settings.defaultGoal };
}

/** Teachers below goal as the Teachers tab's formulas say: Status Not started or In progress, goal > 0. */
function belowGoalOnSheet(workbook: Workbook, defaultGoal: number) {
  const [head = [], ...rows] = workbook.values('Teachers');
  const at = (h: string) => head.indexOf(h);
  const seen = new Set<string>();
  const below: string[] = [];
  const atGoal: string[] = [];
  for (const r of rows) {
    const email = String(r[at('Email')] ?? '')
      .trim()
      .toLowerCase();
    if (!email || seen.has(email)) continue;
    seen.add(email);
    const typed = r[at('Goal')];
    const goal = typeof typed === 'number' ? typed : defaultGoal;
    const status = String(r[at('Status')]);
    if (!/@.+\./.test(email)) continue;
    if (goal > 0 && (status === 'Not started' || status === 'In progress')) below.push(email);
    else atGoal.push(email);
  }
  return { below: below.sort(), atGoal };
}

const allText = (m: MailRecord) => [m.subject, m.body, m.htmlBody, ...m.to, ...m.cc, ...m.bcc].join('\n');
const nudgesOf = (mail: MailRecord[]) => mail.filter((m) => m.to[0] !== PRINCIPAL);
const digestsOf = (mail: MailRecord[]) => mail.filter((m) => m.to[0] === PRINCIPAL);

describe('a weekly reminders run on the generated school', () => {
  const school = buildSchool();
  const expected = belowGoalOnSheet(school.workbook, school.defaultGoal);
  const run = school.emu.run('sendRemindersNow', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
  const mail = school.emu.mail;

  test('one digest to the principal, one nudge per teacher below goal, none to those at goal', () => {
    expect(run.error).toBeUndefined();
    expect(expected.below.length).toBeGreaterThan(2);
    expect(expected.atGoal.length).toBeGreaterThan(0);
    expect(digestsOf(mail)).toHaveLength(1);
    expect(
      nudgesOf(mail)
        .map((m) => m.to.join(','))
        .sort(),
    ).toEqual(expected.below);
    for (const m of mail) expect(m.from).toBe(PRINCIPAL);
    expect(run.ui.alerts[0]?.prompt).toMatch(/digest is sent to you.*\d+ teacher nudges sent/);
  });

  test('the digest holds the figures; a teacher row with no valid email is named there, not mailed', () => {
    const digest = digestsOf(mail)[0] as MailRecord;
    expect(digest.body).toMatch(/Teachers who met or exceeded their goal: \d+ of \d+/);
    expect(digest.body).toMatch(/Families reached: \d+ of \d+/);
    expect(digest.body).toMatch(/Reach by language: .*(percentage points|same rate|no gap)/);
    expect(digest.body).toContain(`${NO_EMAIL}: no valid email on the Teachers tab`);
    expect(mail.some((m) => m.to.includes('quillon.at.school'))).toBe(false);
  });

  test('a nudge says where the teacher stands, as a sentence with numbers', () => {
    for (const m of nudgesOf(mail)) {
      expect(m.body).toMatch(/^You have (reached|logged) \d+ of (your )?\d+/);
      expect(m.body).toContain('Open the school workbook');
    }
  });

  test('no Families-tab string and no Call Log note appears in any mail', () => {
    expect(planted.length).toBeGreaterThan(1000);
    const text = mail.map(allText).join('\n');
    for (const p of planted) expect(text.includes(p)).toBe(false);
    expect(text).not.toMatch(/Zephyrine|planted/);
  });

  test('running again the same week sends nobody anything', () => {
    const again = school.emu.run('sendRemindersNow', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(again.error).toBeUndefined();
    expect(school.emu.mail).toHaveLength(mail.length);
    expect(again.ui.alerts[0]?.prompt).toMatch(/already sent.*0 teacher nudges sent/);
  });
});

describe('two runs at once', () => {
  test('two principals’ runs overlapping: each gets a digest, and every teacher below goal exactly one nudge', async () => {
    const school = buildSchool();
    const expected = belowGoalOnSheet(school.workbook, school.defaultGoal);
    const ASSISTANT = 'assistant.principal@school.example';
    const runs = await school.emu.runConcurrently([
      { fn: 'sendWeeklyReminders', user: PRINCIPAL },
      { fn: 'sendWeeklyReminders', user: ASSISTANT },
    ]);
    for (const r of runs) expect(r.error).toBeUndefined();
    const mail = school.emu.mail;
    expect(mail.filter((m) => m.to[0] === PRINCIPAL || m.to[0] === ASSISTANT)).toHaveLength(2);
    const nudged = mail.filter((m) => m.to[0] !== PRINCIPAL && m.to[0] !== ASSISTANT).map((m) => m.to[0]);
    expect(nudged.sort()).toEqual(expected.below);
  });
});

describe('the daily mail quota', () => {
  test('short of quota: the digest first, names who was not nudged and why; the rest go once, later', () => {
    const school = buildSchool();
    const expected = belowGoalOnSheet(school.workbook, school.defaultGoal);
    school.emu.setMailQuota(3);
    const first = school.emu.run('sendRemindersNow', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(first.error).toBeUndefined();
    const mail = school.emu.mail;
    expect(mail).toHaveLength(3);
    expect(mail[0]?.to).toEqual([PRINCIPAL]);
    const digest = mail[0]?.body ?? '';
    const skipped = digest.split('\n').filter((l) => /daily mail quota ran out/.test(l));
    expect(skipped).toHaveLength(expected.below.length - 2);

    // Tomorrow's quota: only those skipped get theirs, and nobody gets a second digest or nudge.
    school.emu.setMailQuota(100);
    const second = school.emu.run('sendRemindersNow', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(second.error).toBeUndefined();
    const all = school.emu.mail;
    expect(digestsOf(all)).toHaveLength(1);
    expect(
      nudgesOf(all)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(expected.below);
  });

  test('no quota left: nothing is sent and nothing is recorded as sent', () => {
    const school = buildSchool();
    school.emu.setMailQuota(0);
    const run = school.emu.run('sendRemindersNow', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(run.error).toBeUndefined();
    expect(school.emu.mail).toHaveLength(0);
    expect(run.ui.alerts[0]?.prompt).toMatch(/No digest was sent/);
    school.emu.setMailQuota(100);
    school.emu.run('sendRemindersNow', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(digestsOf(school.emu.mail)).toHaveLength(1);
  });
});

describe('turning reminders on and off', () => {
  test('on makes one weekly trigger (twice still one); it mails as its owner; off removes it', () => {
    const school = buildSchool('No');
    const on = () => school.emu.run('turnOnReminders', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(on().error).toBeUndefined();
    expect(on().ui.alerts[0]?.prompt).toMatch(/already on/);
    const weekly = school.emu.triggers.filter((t) => t.handlerFunction === 'sendWeeklyReminders');
    expect(weekly).toHaveLength(1);
    expect(weekly[0]?.schedule).toMatchObject({ onWeekDay: 'MONDAY', timeZone: TZ });
    expect(weekly[0]?.owner).toBe(PRINCIPAL);

    const fired = school.emu.fireTrigger(weekly[0]?.id as string);
    expect(fired.error).toBeUndefined();
    // Nudges are off in Settings: the digest only, and it says so.
    expect(school.emu.mail).toHaveLength(1);
    expect(school.emu.mail[0]?.to).toEqual([PRINCIPAL]);
    expect(school.emu.mail[0]?.body).toMatch(/Teacher nudges are off/);

    const off = school.emu.run('turnOffReminders', [], { user: PRINCIPAL, answers: [{ button: 'OK' }] });
    expect(off.ui.alerts[0]?.prompt).toMatch(/Weekly reminders are off/);
    expect(school.emu.triggers.filter((t) => t.handlerFunction === 'sendWeeklyReminders')).toHaveLength(0);
  });

  test('the send_mail scope is asked for and the README says why', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')) as {
      oauthScopes: string[];
    };
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.send_mail');
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toMatch(/\| `script\.send_mail` \|[^\n]*weekly/);
  });
});
