/**
 * The data tabs of the workbook contract: one `as const` spec per tab, every column with its header,
 * record field, type, format, help and the actions that need it. Set-up, the goal formulas, the
 * readers and writers of rows, the sidebar's form and the tests all read these. Code finds columns by
 * header name (case and spacing forgiven), never by position, so people may reorder columns, add
 * their own and sort rows.
 */
import { col, DISTRICT_TAB, TAB, type TableSpec, table } from './spec';

export const TEACHERS = table('teachers', TAB.teachers, [
  col('Name', 'name', 'text', "The teacher's name as colleagues know it.", {
    requiredBy: ['summary', 'setup'],
    width: 180,
    aliases: ['Teacher', 'Teacher Name', 'Full Name'],
  }),
  col('Email', 'email', 'email', 'The Google account the teacher signs in with. One row per teacher.', {
    requiredBy: ['summary', 'setup', 'rosterImport'],
    width: 220,
    aliases: ['Teacher Email', 'E-mail'],
  }),
  col('Goal', 'goal', 'number', 'Calls this teacher aims for. Blank: the default goal in Settings.', {
    requiredBy: ['summary'],
    width: 70,
    aliases: ['Call Goal', 'Target'],
  }),
  col(
    'Calls Logged',
    'callsLogged',
    'formula',
    'Every call or attempt logged by this teacher inside the call window.',
    { format: '0', width: 90 },
  ),
  col(
    'Conversations',
    'conversations',
    'formula',
    'Calls whose outcome is Reached, inside the call window.',
    {
      format: '0',
      width: 110,
    },
  ),
  col(
    'Families Reached',
    'familiesReached',
    'formula',
    'Different families this teacher has had a conversation with.',
    { format: '0', width: 110 },
  ),
  col(
    'Own Families',
    'ownFamilies',
    'formula',
    'Families on the Families tab whose homeroom teacher this is.',
    { format: '0', width: 100 },
  ),
  col(
    'Own Families Reached',
    'ownFamiliesReached',
    'formula',
    "Share of this teacher's homeroom families that anyone has reached.",
    { format: '0%', width: 120 },
  ),
  col(
    'Percent of Goal',
    'percentOfGoal',
    'formula',
    'Conversations (or attempts, per Settings) divided by the goal.',
    { format: '0%', width: 100 },
  ),
  col('Status', 'status', 'formula', 'Not started, In progress, Met or Exceeded.', { width: 100 }),
  col('Last Call', 'lastCall', 'formula', 'Date of the most recent call logged by this teacher.', {
    format: 'yyyy-mm-dd',
    width: 100,
  }),
] as const);

export const FAMILIES = table('families', TAB.families, [
  col('Student ID', 'studentId', 'id', "The school's id for the student. One row per student.", {
    requiredBy: ['summary', 'setup', 'rosterImport'],
    width: 100,
    aliases: ['ID', 'Student Number', 'SIS ID'],
  }),
  col('Student Name', 'studentName', 'text', "The student's name.", {
    requiredBy: ['summary', 'setup'],
    width: 170,
    aliases: ['Student', 'Name'],
  }),
  col('Grade', 'grade', 'pick', 'Grade level (pick-list in Settings).', {
    requiredBy: ['summary'],
    pickList: 'grades',
    width: 60,
    aliases: ['Grade Level'],
  }),
  col(
    'Homeroom Teacher Email',
    'homeroomEmail',
    'email',
    'Email of the teacher whose families these are (must be on Teachers).',
    {
      requiredBy: ['summary'],
      references: { tab: 'teachers', column: 'Email' },
      width: 200,
      aliases: ['Teacher Email', 'Homeroom Teacher', 'Teacher'],
    },
  ),
  col('Caregiver Names', 'caregivers', 'text', 'Parents or caregivers, as the family names them.', {
    width: 170,
    aliases: ['Caregiver', 'Caregivers', 'Parent Names', 'Parent'],
  }),
  col('Caregiver Relationship', 'caregiverRelationship', 'text', 'Their relationship to the student.', {
    width: 120,
    aliases: ['Relationship'],
  }),
  col('Phone', 'phone', 'text', 'Best phone number.', { width: 120, aliases: ['Phone Number', 'Telephone'] }),
  col('Family Email', 'familyEmail', 'email', "The family's email.", {
    width: 180,
    aliases: ['Email', 'Parent Email', 'Caregiver Email'],
  }),
  col(
    'Preferred Language',
    'preferredLanguage',
    'pick',
    'Language the family prefers (pick-list in Settings).',
    {
      requiredBy: ['summary'],
      pickList: 'languages',
      width: 110,
      aliases: ['Language', 'Home Language'],
    },
  ),
  col('Interpreter Needed', 'interpreterNeeded', 'boolean', 'Tick if the family asks for an interpreter.', {
    width: 90,
    aliases: ['Interpreter'],
  }),
  col(
    'Best Way and Time to Reach',
    'bestWayToReach',
    'longtext',
    'What the family has told us: channel, days, hours.',
    { width: 180 },
  ),
  col('Who Is in the Family', 'whoIsInTheFamily', 'longtext', 'The family as the family describes it.', {
    width: 180,
  }),
  col(
    "Child's Strengths and Interests",
    'childStrengths',
    'longtext',
    'What the family sees as the child’s strengths.',
    { width: 200 },
  ),
  col('Hopes This Year', 'hopesThisYear', 'longtext', "The family's hopes for the child this year.", {
    width: 200,
  }),
  col(
    'Family Strengths and Traditions',
    'familyStrengths',
    'longtext',
    'What the family brings and celebrates.',
    { width: 200 },
  ),
  col(
    'Anything Else to Know',
    'anythingElse',
    'longtext',
    'Anything else the family wants the teacher to know.',
    { width: 200 },
  ),
  col(
    'Attempts',
    'attempts',
    'formula',
    'Calls or attempts logged for this student (any teacher, inside the call window).',
    { format: '0', width: 80 },
  ),
  col('Reached', 'reached', 'formula', 'Yes once any call to this family has the outcome Reached.', {
    width: 70,
  }),
  col('Last Contact', 'lastContact', 'formula', 'Date of the most recent call logged for this student.', {
    format: 'yyyy-mm-dd',
    width: 100,
  }),
] as const);

/** The knowledge a teacher fills in over time; the sidebar prompts for what is still unknown. */
export const FAMILY_KNOWLEDGE_COLUMNS = [
  'Best Way and Time to Reach',
  'Who Is in the Family',
  "Child's Strengths and Interests",
  'Hopes This Year',
  'Family Strengths and Traditions',
  'Anything Else to Know',
] as const satisfies readonly (typeof FAMILIES)['columns'][number]['header'][];

/**
 * One call or attempt. Columns with `form` are the fields of the sidebar's call form: the call's
 * input type (CallInput), its validation and the cells logCall writes are all derived from them.
 */
export const CALL_LOG = table('callLog', TAB.callLog, [
  col('Logged At', 'loggedAt', 'datetime', 'When the call was logged (filled by the sidebar).', {
    width: 140,
  }),
  col('Teacher Email', 'teacherEmail', 'email', 'Signed-in email of the teacher who logged the call.', {
    requiredBy: ['logCall', 'summary', 'setup'],
    references: { tab: 'teachers', column: 'Email' },
    width: 200,
  }),
  col('Teacher', 'teacherName', 'text', "The teacher's name.", { width: 150 }),
  col('Call Date', 'callDate', 'date', 'The day of the call.', {
    requiredBy: ['logCall', 'summary', 'setup'],
    // Text that looks like a date is not one: the goal formulas' date criteria match numbers only
    // (emulator/SHEETS-BEHAVIOUR.md), and the Summary and sidebar must count what Teachers counts.
    dateCellsOnly: true,
    width: 95,
    form: { label: 'Date of the call', order: 2 },
  }),
  col('Student ID', 'studentId', 'id', 'Which student’s family (must be on Families).', {
    requiredBy: ['logCall', 'summary', 'setup'],
    references: { tab: 'families', column: 'Student ID' },
    width: 95,
    form: { label: 'Family', order: 1 },
  }),
  col('Student Name', 'studentName', 'text', 'Copied from Families when logged.', { width: 150 }),
  col('Person Reached', 'personReached', 'text', 'Who the teacher spoke with (or tried to reach).', {
    width: 140,
    form: { label: 'Who you spoke with', order: 5, reachedOnly: true },
  }),
  col('Relationship', 'relationship', 'pick', 'Their relationship to the student.', {
    pickList: 'relationships',
    width: 110,
    form: { label: 'Relationship to the student', order: 6, reachedOnly: true },
  }),
  col('Method', 'method', 'pick', 'Phone, video, in person, home visit or text.', {
    requiredBy: ['setup'],
    pickList: 'methods',
    width: 90,
    form: { label: 'Method', order: 3, required: true },
  }),
  col('Outcome', 'outcome', 'pick', 'Only Reached counts as a conversation; attempts count too.', {
    requiredBy: ['logCall', 'summary', 'setup'],
    // The formulas count COUNTIFS(Outcome,"Reached"): the Summary and sidebar must see what it sees.
    untrimmed: true,
    pickList: 'outcomes',
    width: 150,
    form: { label: 'Outcome', order: 4, required: true },
  }),
  col('Language', 'language', 'pick', 'Language the call was held in.', {
    requiredBy: ['summary'],
    pickList: 'languages',
    width: 100,
    form: { label: 'Language of the call', order: 7 },
  }),
  col('Interpreter Used', 'interpreterUsed', 'boolean', 'Tick if an interpreter helped.', {
    requiredBy: ['summary'],
    width: 90,
    form: { label: 'An interpreter helped', order: 8 },
  }),
  col(
    'Strengths the Family Sees',
    'strengths',
    'longtext',
    'What the family sees as their child’s strengths.',
    {
      requiredBy: ['summary'],
      width: 220,
      form: { label: 'Strengths the family sees', order: 9, reachedOnly: true },
    },
  ),
  col('Family Hopes', 'hopes', 'longtext', "The family's hopes for the child this year.", {
    width: 220,
    form: { label: "The family's hopes this year", order: 10, reachedOnly: true },
  }),
  col('What I Learned', 'learned', 'longtext', 'What the teacher learned and will do with it.', {
    requiredBy: ['summary'],
    width: 220,
    form: { label: 'What I learned and will do with it', order: 11 },
  }),
  col(
    'Follow-up Needed',
    'followUp',
    'longtext',
    'What the teacher promised or needs to do next. Blank: none.',
    { requiredBy: ['summary'], width: 180, form: { label: 'Follow-up needed', order: 12 } },
  ),
  col('Follow-up By', 'followUpBy', 'date', 'When the follow-up is due.', {
    requiredBy: ['summary'],
    width: 95,
    form: { label: 'Follow-up by', order: 13 },
  }),
  col('Follow-up Done', 'followUpDone', 'boolean', 'Tick when the follow-up is done.', {
    requiredBy: ['summary'],
    width: 90,
  }),
  col(
    'Edited At',
    'editedAt',
    'datetime',
    'When the teacher last changed this call from the sidebar. Blank: never.',
    { requiredBy: ['editCall'], width: 140 },
  ),
  col(
    'Submission ID',
    'submissionId',
    'id',
    'Made by the sidebar so a resubmitted form is ignored. Leave as is.',
    { requiredBy: ['logCall'], width: 120, hidden: true, form: { label: 'Submission', order: 0 } },
  ),
] as const);

export const CHECK_INS = table('checkIns', TAB.checkIns, [
  col('Date', 'date', 'date', 'Day of the check-in.', {
    requiredBy: ['summary', 'checkIn', 'setup'],
    width: 95,
  }),
  col(
    'Teacher Email',
    'teacherEmail',
    'email',
    'Teacher the principal checked in with (must be on Teachers).',
    {
      requiredBy: ['summary', 'checkIn', 'setup'],
      references: { tab: 'teachers', column: 'Email' },
      width: 200,
    },
  ),
  col("What's Working", 'working', 'longtext', 'What is going well with the calls.', { width: 260 }),
  col('Next Step', 'nextStep', 'longtext', 'What the teacher will try next, and what support they get.', {
    width: 260,
  }),
  col('By', 'by', 'text', 'Who held the check-in.', { width: 140 }),
] as const);

/** The tabs made of a header row and data rows (Settings and Summary have their own layout). */
export const TABLES: readonly TableSpec[] = [TEACHERS, FAMILIES, CALL_LOG, CHECK_INS];

/** Schools (district workbook): one row per school workbook, typed by the district lead. */
export const SCHOOLS = table('schools', DISTRICT_TAB.schools, [
  col('School', 'school', 'text', 'The school as the district names it.', {
    requiredBy: ['district'],
    width: 220,
  }),
  col('Workbook URL', 'url', 'text', "The link to the school's Relationship Calls workbook.", {
    requiredBy: ['district'],
    width: 420,
  }),
  col('Notes', 'notes', 'longtext', "The district's own notes (never read by the roll-up).", { width: 260 }),
] as const);

export type TeachersSpec = typeof TEACHERS;
export type FamiliesSpec = typeof FAMILIES;
export type CallLogSpec = typeof CALL_LOG;
export type CheckInsSpec = typeof CHECK_INS;
export type SchoolsSpec = typeof SCHOOLS;
