/**
 * The local Apps Script emulator: runs any Apps Script bundle (dist/Code.js) in Node for tests, the
 * preview and benchmarks. See emulator/README.md.
 */

export type { AuthMode } from './contract';
export { NotEmulatedError } from './contract';
export type { ConcurrencyOptions } from './runtime/concurrent';
export type {
  ConcurrentRun,
  EmulatorOptions,
  PropertyStoreView,
  RunOptions,
  RunResult,
  TriggerRunOptions,
} from './runtime/emulator';
export { Emulator } from './runtime/emulator';
export type { EventDetails, TriggerEvent } from './runtime/events';
export { DEFAULT_LATENCY, type LatencyModel } from './runtime/latency';
export type { ServedHtml, WebAppRequest, WebAppResponse } from './runtime/web-app';
export { doGetEvent, runDoGet, WEB_APP_SANDBOX, webAppShell } from './runtime/web-app';
export type { LogEntry } from './services/context';
export type { MailRecord } from './services/mail';
export type { TriggerRecord } from './services/script-app';
export type {
  AlertRecord,
  DialogRecord,
  HtmlRecord,
  MenuItem,
  MenuRecord,
  ToastRecord,
  UiAnswer,
  UiRecord,
} from './services/ui';
export { colLetters, createSpreadsheetApp, Workbook, WorkbookRegistry } from './spreadsheet';
