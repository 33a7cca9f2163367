import { familyFigures, teacherFigures } from '../../src/core/progress';
import type { CallRecord, FamilyRecord, TeacherRecord } from '../../src/core/records';
import type { SchoolSettings } from '../../src/core/settings';

const settings: SchoolSettings = {
  schoolName: 'Maple Grove Elementary',
  schoolYear: '2026-27',
  windowStart: '2026-09-01',
  windowEnd: '2026-09-30',
  defaultGoal: 3,
  goalCounts: 'Conversations',
  schoolGoal: 0.6,
};

const teacher = (email: string, goal: number | null = null, row = 2): TeacherRecord => ({
  row,
  name: email,
  email,
  goal,
  badGoal: '',
});
const family = (studentId: string, homeroomEmail: string): FamilyRecord =>
  ({
    row: 2,
    studentId,
    studentName: `Student ${studentId}`,
    homeroomEmail,
    knowledge: {},
  }) as unknown as FamilyRecord;
let row = 1;
const call = (teacherEmail: string, studentId: string, callDate: string, outcome: string): CallRecord =>
  ({ row: ++row, teacherEmail, studentId, callDate, outcome }) as unknown as CallRecord;

describe('teacher figures', () => {
  const teachers = [
    teacher('ana@maple.example'),
    teacher('ben@maple.example', 1),
    teacher('cy@maple.example', 5),
  ];
  const families = [
    family('s1', 'ana@maple.example'),
    family('s2', 'ana@maple.example'),
    family('s3', 'ben@maple.example'),
  ];
  const calls = [
    call('ana@maple.example', 's1', '2026-09-02', 'Reached'),
    call('ana@maple.example', 's1', '2026-09-03', 'Reached'), // same family twice: one family reached
    call('ana@maple.example', 's2', '2026-09-04', 'No answer'),
    call('ana@maple.example', 's2', '2026-10-04', 'Reached'), // outside the window: not counted
    call('ana@maple.example', 's2', '', 'Reached'), // no date: not counted
    call('ben@maple.example', 's3', '2026-09-10', 'reached'), // outcome case forgiven
    call('ben@maple.example', 's1', '2026-09-11', 'Reached'),
  ];

  test('counts only calls inside the window, conversations only when reached, families once', () => {
    const ana = teacherFigures(teachers, families, calls, settings).get('ana@maple.example');
    expect(ana).toMatchObject({
      calls: 3,
      conversations: 2,
      familiesReached: 1,
      goal: 3,
      done: 2,
      lastCall: '2026-09-04',
    });
    expect(ana?.status).toBe('In progress');
    expect(ana?.percentOfGoal).toBeCloseTo(2 / 3);
  });

  test("own families reached counts anyone's conversation with the teacher's homeroom families", () => {
    const figures = teacherFigures(teachers, families, calls, settings);
    expect(figures.get('ana@maple.example')).toMatchObject({ ownFamilies: 2, ownFamiliesNotReached: 1 });
    expect(figures.get('ben@maple.example')).toMatchObject({ ownFamilies: 1, ownFamiliesNotReached: 0 });
  });

  test('status moves from Not started to Exceeded; a blank goal uses the default', () => {
    const figures = teacherFigures(teachers, families, calls, settings);
    expect(figures.get('ben@maple.example')).toMatchObject({ goal: 1, done: 2, status: 'Exceeded' });
    expect(figures.get('cy@maple.example')).toMatchObject({
      goal: 5,
      calls: 0,
      status: 'Not started',
      lastCall: '',
    });
    const atGoal = teacherFigures([teacher('ben@maple.example', 2)], families, calls, settings).get(
      'ben@maple.example',
    );
    expect(atGoal?.status).toBe('Met');
  });

  test('when the goal counts attempts, every counted call counts', () => {
    const ana = teacherFigures(teachers, families, calls, { ...settings, goalCounts: 'Attempts' }).get(
      'ana@maple.example',
    );
    expect(ana).toMatchObject({ done: 3, status: 'Met' });
  });

  test('a blank window counts every dated call', () => {
    const open = { ...settings, windowStart: '', windowEnd: '' };
    expect(teacherFigures(teachers, families, calls, open).get('ana@maple.example')?.calls).toBe(4);
  });
});

describe('family figures', () => {
  test('attempts, reached and last contact per student', () => {
    const calls = [
      call('a@x.example', 's1', '2026-09-02', 'No answer'),
      call('b@x.example', 's1', '2026-09-05', 'Reached'),
    ];
    expect(familyFigures(calls, settings).get('s1')).toEqual({
      attempts: 2,
      reached: true,
      lastContact: '2026-09-05',
    });
    expect(familyFigures(calls, settings).get('s9')).toBeUndefined();
  });
});
