/**
 * The global objects of an Apps Script project, built fresh for each execution. Globals Apps Script
 * has but the emulator does not implement are still defined, so that any use of them fails loudly
 * with `Not emulated: Class.method` instead of a ReferenceError that looks like a script bug.
 */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';
import { createHtmlService } from './html';
import { createConsole, createLogger } from './logging';
import { createScriptApp } from './script-app';
import { createSession } from './session';

/** Apps Script globals outside the emulator's scope. */
export const NOT_EMULATED_GLOBALS = [
  'Browser',
  'CacheService',
  'CalendarApp',
  'CardService',
  'Charts',
  'ConferenceDataService',
  'ContactsApp',
  'ContentService',
  'DataStudioApp',
  'DocumentApp',
  'DriveApp',
  'FormApp',
  'GmailApp',
  'GroupsApp',
  'Jdbc',
  'LanguageApp',
  'LinearOptimizationService',
  'LockService',
  'MailApp',
  'Maps',
  'PropertiesService',
  'SitesApp',
  'SlidesApp',
  'UrlFetchApp',
  'Utilities',
  'XmlService',
] as const;

class NotEmulatedService {}

export function buildGlobals(ctx: ServiceContext, spreadsheetApp: object): Record<string, unknown> {
  const globals: Record<string, unknown> = {
    SpreadsheetApp: spreadsheetApp,
    HtmlService: createHtmlService(ctx),
    Session: createSession(ctx),
    Logger: createLogger(ctx),
    console: createConsole(ctx),
    ScriptApp: createScriptApp(ctx),
  };
  for (const name of NOT_EMULATED_GLOBALS) globals[name] = hostObject(ctx, name, new NotEmulatedService());
  return globals;
}
