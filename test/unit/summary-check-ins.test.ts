/**
 * The check-in loop's rules (src/core/check-ins.ts): who is due a check-in after N days without
 * one, and what a check-in must hold before it is written.
 */
import { checkInProblems, dueForCheckIn, teacherCheckIns } from '../../src/core/check-ins';
import type { CheckInRecord, TeacherRecord } from '../../src/core/records';

const teacher = (row: number, name: string, email: string): TeacherRecord =>
  ({ row, name, email, goal: 10 }) as TeacherRecord;
const checkIn = (date: string, teacherEmail: string): CheckInRecord => ({
  row: 2,
  date,
  teacherEmail,
  working: '',
  nextStep: '',
  by: '',
});
const teachers = [
  teacher(2, 'Wren Tobin', 'wren@school.example'),
  teacher(3, 'Anouk Ezra', 'anouk@school.example'),
  teacher(4, 'Lio Maelle', 'lio@school.example'),
  teacher(5, 'Anouk twice', 'anouk@school.example'),
];

describe('check-ins', () => {
  const all = teacherCheckIns(teachers, [
    checkIn('2026-10-01', 'wren@school.example'),
    checkIn('2026-10-12', 'wren@school.example'),
    checkIn('2026-09-20', 'anouk@school.example'),
  ]);

  test('every teacher once, by name, with their latest check-in', () => {
    expect(all).toEqual([
      { name: 'Anouk Ezra', email: 'anouk@school.example', lastCheckIn: '2026-09-20' },
      { name: 'Lio Maelle', email: 'lio@school.example', lastCheckIn: '' },
      { name: 'Wren Tobin', email: 'wren@school.example', lastCheckIn: '2026-10-12' },
    ]);
  });

  test('due: no check-in in the last N days, or none yet', () => {
    expect(dueForCheckIn(all, '2026-10-14', 14).map((t) => t.name)).toEqual(['Anouk Ezra', 'Lio Maelle']);
    expect(dueForCheckIn(all, '2026-10-26', 14).map((t) => t.name)).toEqual([
      'Anouk Ezra',
      'Lio Maelle',
      'Wren Tobin',
    ]);
    expect(dueForCheckIn(all, '2026-10-25', 14).map((t) => t.name)).toEqual(['Anouk Ezra', 'Lio Maelle']);
  });

  test('a check-in needs a teacher on Teachers, a date not in the future and something written', () => {
    const emails = new Set(teachers.map((t) => t.email));
    const ok = {
      teacherEmail: 'Wren@School.example',
      date: '2026-10-14',
      working: 'Evening calls',
      nextStep: '',
    };
    expect(checkInProblems(ok, emails, '2026-10-14', 'America/New_York')).toEqual([]);
    expect(
      checkInProblems({ ...ok, teacherEmail: 'ghost@school.example' }, emails, '2026-10-14', 'UTC'),
    ).toEqual([expect.stringMatching(/not on the Teachers tab/)]);
    expect(checkInProblems({ ...ok, date: '2026-10-15' }, emails, '2026-10-14', 'UTC')).toEqual([
      expect.stringMatching(/in the future/),
    ]);
    expect(checkInProblems({ ...ok, date: '10/14/2026' }, emails, '2026-10-14', 'UTC')).toEqual([
      expect.stringMatching(/as 2026-11-02/),
    ]);
    expect(checkInProblems({ ...ok, working: ' ' }, emails, '2026-10-14', 'UTC')).toEqual([
      expect.stringMatching(/what is working or the next step/),
    ]);
    expect(checkInProblems({ ...ok, nextStep: 'x'.repeat(2001) }, emails, '2026-10-14', 'UTC')).toEqual([
      expect.stringMatching(/2001 characters/),
    ]);
  });
});
