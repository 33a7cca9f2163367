/**
 * The contract between the sidebar/dialogs and the server: what each google.script.run target takes
 * and returns. Only plain JSON crosses (no Date objects): dates travel as 'YYYY-MM-DD' strings and are
 * read in the spreadsheet's time zone. src/server/index.ts exports each ServerApi function with exactly
 * this signature (ServerApiMismatches, checked at compile time there; test/types/rpc-contract.ts shows
 * that a drift fails `npm run typecheck`), and the client calls it only through a wrapper typed from
 * ServerApi (src/client/server.ts).
 *
 * ServerApi is written out here rather than derived from `typeof import('../server/index')` because
 * the client's tsconfig must not load server code: that would put the Apps Script globals
 * (SpreadsheetApp...) in scope of browser code. The compile-time check in index.ts makes this a
 * checked contract, not a copy.
 */
import type { CallInput, PickListKey } from './schema';

/** 'YYYY-MM-DD' in the spreadsheet's time zone. */
export type IsoDate = string;

export interface Progress {
  /** The goal in force (the teacher's own, or the Settings default). */
  goal: number;
  /** What counts toward the goal, per Settings. */
  counts: 'Conversations' | 'Attempts';
  /** Calls counted toward the goal (conversations or attempts). */
  done: number;
  calls: number;
  conversations: number;
  familiesReached: number;
  /** The teacher's own (homeroom) families, and how many of them nobody has reached yet. */
  ownFamilies: number;
  ownFamiliesNotReached: number;
  /** done / goal, 0 when the goal is 0. */
  percentOfGoal: number;
  status: 'Not started' | 'In progress' | 'Met' | 'Exceeded';
}

export interface FamilyOption {
  studentId: string;
  studentName: string;
  grade: string;
  caregivers: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
  /** True when the signed-in teacher is the homeroom teacher. */
  own: boolean;
  /** True once anyone has had a conversation with the family. */
  reached: boolean;
  attempts: number;
  /**
   * The family's row on Families when the sidebar opened. logCall is sent it as a hint and reads that
   * one row, keeping it only if its Student ID is still this family's (rows move when a tab is sorted).
   */
  row: number;
}

export interface FamilyKnowledge {
  studentId: string;
  /** Knowledge column header -> what the school knows ('' when unknown). */
  known: Record<string, string>;
  /** Knowledge column headers the school knows nothing about yet, in Families order. */
  unknown: string[];
  /** Conversation prompts for what is still unknown. */
  prompts: string[];
  lastContact: IsoDate | '';
  /** How to reach the family, from their row on Families (plain text, as typed there). */
  contact: FamilyContact;
  /** The caregivers named on Families, each with their relationship when the row pairs them. */
  caregivers: Caregiver[];
  /** The latest calls to this family by anyone, newest first (at most three). */
  lastCalls: FamilyCall[];
}

export interface FamilyContact {
  /** Each number the Phone cell holds (a cell may list several, separated by ; or a new line). */
  phones: string[];
  email: string;
  bestWayAndTime: string;
  preferredLanguage: string;
  interpreterNeeded: boolean;
}

export interface Caregiver {
  name: string;
  /** '' when Families does not say; otherwise as typed on Families. */
  relationship: string;
  /** The Settings relationship this matches (case forgiven), '' when none: what the form selects. */
  relationshipChoice: string;
}

/** One earlier call to a family, as the family box shows it. */
export interface FamilyCall {
  callDate: IsoDate | '';
  teacherName: string;
  outcome: string;
  learned: string;
  /** The follow-up, only while it is not ticked done ('' otherwise). */
  openFollowUp: string;
  followUpBy: IsoDate | '';
}

/** One of the signed-in teacher's own calls, with everything the form needs to edit it. */
export interface LoggedCall extends CallInput {
  studentName: string;
  /** 'YYYY-MM-DD' the row was logged ('' when typed by hand without it). */
  loggedOn: IsoDate | '';
  edited: boolean;
}

export interface SidebarContext {
  teacher: { name: string; email: string };
  today: IsoDate;
  timeZone: string;
  callWindow: { start: IsoDate | ''; end: IsoDate | '' };
  /** Own families first, then everyone else, each group by name. */
  families: FamilyOption[];
  pickLists: Record<PickListKey, string[]>;
  prompts: string[];
  progress: Progress;
  maxNoteLength: number;
  /** Sentences about Settings cells the principal should fix (logging still works meanwhile). */
  settingsProblems: string[];
  /** The teacher's last five calls, newest first: the ones they may edit or delete from the sidebar. */
  recentCalls: LoggedCall[];
  /** What a one-tap attempt is saved with: the method of the teacher's latest call, else the first. */
  defaults: { method: string };
}

/**
 * What the sidebar shows someone who is not on the Teachers tab, instead of the form: one sentence
 * that fits who they are (a homeroom teacher missing from Teachers, the spreadsheet's owner, or
 * another editor such as a principal or coach).
 */
export interface NotOnTeachers {
  notOnTeachers: true;
  email: string;
  message: string;
}

/** What the sidebar submits. Validated by the shared schema on both sides (src/common/call-input.ts). */
/** One call as the sidebar sends it: derived from the Call Log columns of the schema that carry `form`. */
export type { CallInput };

export interface LogCallResult {
  /** False when nothing was written (the submission id was already logged). */
  written: boolean;
  progress: Progress;
  /**
   * A sentence naming the family and the outcome, e.g. "Call logged: reached Clara Hollis, Maya
   * Hollis's foster parent. 8 of 10 conversations."
   */
  message: string;
  /** A warning that did not stop the save (date outside the call window). */
  warning?: string;
  /**
   * The teacher's last five calls after the change, newest first; with savedCallOnly (logCall), only
   * the call saved (or found already saved), for the sidebar to put at the top of the list it holds:
   * logCall reads none of the Call Log but that call's submission id.
   */
  recentCalls: LoggedCall[];
  savedCallOnly?: boolean;
}

/** Every function the client may call with google.script.run. */
export interface ServerApi {
  getSidebarContext(): SidebarContext | NotOnTeachers;
  getFamilyKnowledge(studentId: string): FamilyKnowledge;
  logCall(input: CallInput, familyRow?: number | null): LogCallResult;
  /** Rewrites the caller's own call with this submission id (the same checks as logCall). */
  editCall(input: CallInput, familyRow?: number | null): LogCallResult;
  /** Deletes the caller's own call with this submission id. */
  deleteCall(submissionId: string): LogCallResult;
  refreshSummary(): { rebuilt: boolean; message: string };
  previewRoster(text: string): RosterPreview;
  importRoster(text: string): RosterImportResult;
  newSchoolFromTemplate(schoolName: string): NewSchoolResult;
  getCheckInContext(): CheckInContext;
  recordCheckIn(input: CheckInInput): CheckInResult;
}

/** True when A and B are the same type (not merely assignable one way, which would let a drift pass). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * The ServerApi functions that `Module` (the type of src/server/index.ts's exports) is missing or
 * exports with another signature: `never` when the module implements the contract.
 */
export type ServerApiMismatches<Module> = {
  [K in keyof ServerApi]: K extends keyof Module
    ? Same<Module[K], ServerApi[K]> extends true
      ? never
      : K
    : K;
}[keyof ServerApi];

/** Compiles only when its argument is `never`: `ServerApiHeld<ServerApiMismatches<M>>` names any drift. */
export type ServerApiHeld<Mismatch extends never> = Mismatch;

/**
 * The views of the one client page (src/client/main.ts starts each): the sidebar's `log` and the
 * dialogs the server opens by name (src/server/ui.ts).
 */
export type View = 'log' | 'import' | 'new-school' | 'checkin';

/** Record a check-in: the teachers to pick from, and who is due one (shown only in this dialog). */
export interface CheckInContext {
  today: IsoDate;
  /** Settings: a teacher is due a check-in after this many days without one. */
  days: number;
  /** Every teacher, by name, with their last check-in. */
  teachers: { name: string; email: string; lastCheckIn: IsoDate | '' }[];
  /** Emails of the teachers with no check-in in the last `days` days. */
  due: string[];
}

/** One check-in, saved as one Check-ins row. */
export interface CheckInInput {
  teacherEmail: string;
  date: IsoDate;
  working: string;
  nextStep: string;
}

export interface CheckInResult {
  message: string;
  context: CheckInContext;
}

/** Import roster...: what a paste would do, before anything is written. */
export interface RosterPreview {
  kind: 'teachers' | 'families';
  /** New rows: schema header -> the text shown. */
  add: { line: number; cells: Record<string, string> }[];
  /** Rows already on the tab, with the cells that would change. */
  update: { line: number; key: string; changes: { header: string; from: string; to: string }[] }[];
  /** Rows already on the tab with nothing new. */
  unchanged: number;
  rejected: { line: number; reason: string }[];
  /** Pasted columns that match nothing (not imported). */
  ignoredHeaders: string[];
}

export interface RosterImportResult {
  added: number;
  updated: number;
  rejected: number;
  message: string;
}

/** New school from this template: the copy's name and the link to open it. */
export interface NewSchoolResult {
  name: string;
  url: string;
  message: string;
}
