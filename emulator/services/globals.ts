/**
 * The global objects of an Apps Script project, built fresh for each execution. Globals Apps Script
 * has but the emulator does not implement are still defined, so that any use of them fails loudly
 * with `Not emulated: Class.method` instead of a ReferenceError that looks like a script bug.
 */
import { Charts } from '../spreadsheet';
import { createCacheService } from './cache';
import type { ServiceContext } from './context';
import { hostObject } from './host-object';
import { createHtmlService } from './html';
import { createLockService } from './lock';
import { createConsole, createLogger } from './logging';
import { createMailApp } from './mail';
import { createPropertiesService } from './properties';
import { createScriptApp } from './script-app';
import { createSession } from './session';
import { createUtilities } from './utilities';

/** Apps Script globals outside the emulator's scope. */
export const NOT_EMULATED_GLOBALS = [
  'Browser',
  'CalendarApp',
  'CardService',
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
  'Maps',
  'SitesApp',
  'SlidesApp',
  'UrlFetchApp',
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
    PropertiesService: createPropertiesService(ctx),
    CacheService: createCacheService(ctx),
    LockService: createLockService(ctx),
    Utilities: createUtilities(ctx),
    MailApp: createMailApp(ctx),
    Charts,
  };
  for (const name of NOT_EMULATED_GLOBALS) globals[name] = hostObject(ctx, name, new NotEmulatedService());
  return globals;
}
