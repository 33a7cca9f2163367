/**
 * Event objects for simple and installable triggers, built as Apps Script builds them: `e.authMode`
 * is the ScriptApp.AuthMode value itself, `e.user` a User, `e.source` the active Spreadsheet, and
 * `e.range` a Range of it. Building them calls services, which the execution does not count: those
 * calls are the runtime's, not the script's.
 */
import type { AuthMode } from '../contract';
import { AuthMode as AuthModeEnum } from '../services/script-app';
import { wallClockFields } from '../services/simple-date-format';
import type { Execution } from './execution';

export type TriggerEvent = 'open' | 'install' | 'edit' | 'selectionChange' | 'change' | 'clock';

export interface EventDetails {
  /** For edit and selectionChange: the cell or range in A1 notation, e.g. "'Call Log'!B2". */
  range?: string;
  /** For edit: the new value of a one-cell edit, and the value it replaced. */
  value?: unknown;
  oldValue?: unknown;
  /** For an installable trigger: its id (emu.triggers[i].id). */
  triggerUid?: string;
  /** For a clock trigger: when it fires (default now on the emulator clock). */
  firedAt?: Date;
  /** For change: EDIT, INSERT_ROW, INSERT_COLUMN, REMOVE_ROW, REMOVE_COLUMN, INSERT_GRID, REMOVE_GRID, FORMAT or OTHER. */
  changeType?: string;
}

/** The simple trigger a global name stands for, if any. */
export function eventOfFunction(fn: string): TriggerEvent | undefined {
  const simple: Record<string, TriggerEvent> = {
    onOpen: 'open',
    onInstall: 'install',
    onEdit: 'edit',
    onSelectionChange: 'selectionChange',
  };
  return simple[fn];
}

interface SpreadsheetLike {
  getRange(a1: string): unknown;
}

export function buildEvent(
  execution: Execution,
  kind: TriggerEvent,
  details: EventDetails,
): Record<string, unknown> {
  return execution.uncounted(() => {
    const g = execution.globals as {
      Session: { getActiveUser(): unknown };
      SpreadsheetApp: { getActiveSpreadsheet(): SpreadsheetLike | null };
    };
    const authMode = AuthModeEnum[execution.authMode as AuthMode];
    const event: Record<string, unknown> = { authMode };
    if (details.triggerUid) event.triggerUid = details.triggerUid;
    if (kind === 'install') return event;
    if (kind === 'clock')
      return {
        ...event,
        ...clockFields(details.firedAt ?? new Date(execution.state.now()), execution.state.timeZone),
      };
    event.user = g.Session.getActiveUser();
    // In AuthMode.NONE the document is out of reach, as it is for the script itself.
    if (execution.authMode === 'NONE') return event;
    const source = g.SpreadsheetApp.getActiveSpreadsheet();
    event.source = source;
    if (kind === 'edit' || kind === 'selectionChange') {
      if (!details.range)
        throw new Error(`An ${kind} event needs the range it happened in, e.g. range: "Sheet1!A1".`);
      if (!source)
        throw new Error(`An ${kind} event needs an active workbook: give the emulator a workbook.`);
      event.range = source.getRange(details.range);
    }
    if (kind === 'edit') {
      if (details.value !== undefined) event.value = details.value;
      if (details.oldValue !== undefined) event.oldValue = details.oldValue;
    }
    if (kind === 'change') event.changeType = details.changeType ?? 'EDIT';
    return event;
  });
}

/** The fields of a time-driven event, in the script's time zone. */
function clockFields(at: Date, timeZone: string): Record<string, unknown> {
  const f = wallClockFields(at.getTime(), timeZone);
  const dayOfYear = Math.floor((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(f.year, 0, 1)) / 86_400_000);
  return {
    year: f.year,
    month: f.month,
    'day-of-month': f.day,
    'day-of-week': f.weekday,
    hour: f.hour,
    minute: f.minute,
    second: f.second,
    'week-of-year': Math.floor(dayOfYear / 7) + 1,
    timezone: timeZone,
  };
}
