/**
 * ScriptApp: the AuthMode and trigger enums, and installable triggers, which are recorded on the
 * emulator (emu.triggers) instead of being scheduled: a test reads them, and fires one with
 * emu.runTrigger when it wants the handler to run.
 */
import { isDate } from '../runtime/realm';
import type { ServiceContext } from './context';
import { type EnumValue, enumName, enumOf, hostObject, implementationOf } from './host-object';

export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
export const EventType = enumOf(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
export const TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
export const WeekDay = enumOf('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY');

/** Apps Script allows 20 triggers per user per script. */
export const MAX_TRIGGERS_PER_USER = 20;

/** An installable trigger as the emulator records it. */
export interface TriggerRecord {
  id: string;
  handlerFunction: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  /** The spreadsheet's id for a spreadsheet trigger. */
  sourceId: string | null;
  /** The user who created it: the trigger runs as them. */
  owner: string;
  /** For a clock trigger: what the builder was told (everyDays, atHour, timeZone...). */
  schedule: Record<string, number | string>;
}

/** The project's installable triggers, kept by the emulator across executions. */
export class TriggerStore {
  readonly #triggers: TriggerRecord[] = [];
  #next = 0;
  all(): TriggerRecord[] {
    return this.#triggers.map((t) => structuredClone(t));
  }
  get(id: string): TriggerRecord | undefined {
    const trigger = this.#triggers.find((t) => t.id === id);
    return trigger && structuredClone(trigger);
  }
  ofUser(email: string): TriggerRecord[] {
    return this.#triggers.filter((t) => t.owner === email).map((t) => structuredClone(t));
  }
  add(record: Omit<TriggerRecord, 'id'>): TriggerRecord {
    this.#next += 1;
    const trigger = { ...record, id: String(1_000_000 + this.#next) };
    this.#triggers.push(trigger);
    return structuredClone(trigger);
  }
  delete(id: string): boolean {
    const at = this.#triggers.findIndex((t) => t.id === id);
    if (at >= 0) this.#triggers.splice(at, 1);
    return at >= 0;
  }
}

class TriggerImpl {
  readonly #record: TriggerRecord;
  constructor(record: TriggerRecord) {
    this.#record = record;
  }
  static idOf(trigger: TriggerImpl): string {
    return trigger.#record.id;
  }
  getHandlerFunction(): string {
    return this.#record.handlerFunction;
  }
  getUniqueId(): string {
    return this.#record.id;
  }
  getEventType(): EnumValue {
    return EventType[this.#record.eventType];
  }
  getTriggerSource(): EnumValue {
    return TriggerSource[this.#record.source];
  }
  getTriggerSourceId(): string | null {
    return this.#record.sourceId;
  }
}

function createTrigger(ctx: ServiceContext, record: Omit<TriggerRecord, 'id' | 'owner'>): unknown {
  ctx.requireAuth('ScriptApp.newTrigger', 'FULL');
  const store = ctx.state.triggers;
  if (store.ofUser(ctx.effectiveUserEmail).length >= MAX_TRIGGERS_PER_USER)
    throw ctx.error(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  const created = store.add({ ...record, owner: ctx.effectiveUserEmail });
  return hostObject(ctx, 'Trigger', new TriggerImpl(created));
}

const EVERY_MINUTES = [1, 5, 10, 15, 30];

class ClockTriggerBuilderImpl {
  readonly #ctx: ServiceContext;
  readonly #handler: string;
  readonly #schedule: Record<string, number | string> = {};
  constructor(ctx: ServiceContext, handler: string) {
    this.#ctx = ctx;
    this.#handler = handler;
  }
  #set(key: string, value: number | string, valid: boolean): this {
    if (!valid) throw this.#ctx.error(`Invalid argument: ${key} ${value}`);
    this.#schedule[key] = value;
    return this;
  }
  after(durationMilliseconds: number): this {
    return this.#set(
      'after',
      durationMilliseconds,
      Number.isInteger(durationMilliseconds) && durationMilliseconds >= 0,
    );
  }
  at(date: Date): this {
    const time = isDate(date) ? date.getTime() : Number.NaN;
    return this.#set('at', new Date(time).toISOString(), Number.isFinite(time));
  }
  atHour(hour: number): this {
    return this.#set('atHour', hour, Number.isInteger(hour) && hour >= 0 && hour <= 23);
  }
  nearMinute(minute: number): this {
    return this.#set('nearMinute', minute, Number.isInteger(minute) && minute >= 0 && minute <= 59);
  }
  everyMinutes(n: number): this {
    return this.#set('everyMinutes', n, EVERY_MINUTES.includes(n));
  }
  everyHours(n: number): this {
    return this.#set('everyHours', n, Number.isInteger(n) && n >= 1);
  }
  everyDays(n: number): this {
    return this.#set('everyDays', n, Number.isInteger(n) && n >= 1);
  }
  everyWeeks(n: number): this {
    return this.#set('everyWeeks', n, Number.isInteger(n) && n >= 1);
  }
  onWeekDay(day: unknown): this {
    const name = enumName(day);
    return this.#set('onWeekDay', name, name in WeekDay);
  }
  onMonthDay(day: number): this {
    return this.#set('onMonthDay', day, Number.isInteger(day) && day >= 1 && day <= 31);
  }
  inTimezone(timezone: string): this {
    return this.#set('timeZone', String(timezone), isTimeZone(String(timezone)));
  }
  create(): unknown {
    const s = this.#schedule;
    const recurring = ['everyMinutes', 'everyHours', 'everyDays', 'everyWeeks', 'onMonthDay'].filter(
      (k) => k in s,
    );
    if (recurring.length + ('after' in s || 'at' in s ? 1 : 0) !== 1)
      throw this.#ctx.error(
        'A clock trigger needs exactly one of after, at, everyMinutes, everyHours, everyDays, everyWeeks or onMonthDay.',
      );
    return createTrigger(this.#ctx, {
      handlerFunction: this.#handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { timeZone: this.#ctx.state.timeZone, ...s },
    });
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

class SpreadsheetTriggerBuilderImpl {
  readonly #ctx: ServiceContext;
  readonly #handler: string;
  readonly #sourceId: string;
  #eventType: TriggerRecord['eventType'] | undefined;
  constructor(ctx: ServiceContext, handler: string, sourceId: string) {
    this.#ctx = ctx;
    this.#handler = handler;
    this.#sourceId = sourceId;
  }
  onOpen(): this {
    this.#eventType = 'ON_OPEN';
    return this;
  }
  onEdit(): this {
    this.#eventType = 'ON_EDIT';
    return this;
  }
  onChange(): this {
    this.#eventType = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): this {
    this.#eventType = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): unknown {
    if (!this.#eventType)
      throw this.#ctx.error('Choose the event first: onOpen(), onEdit(), onChange() or onFormSubmit().');
    return createTrigger(this.#ctx, {
      handlerFunction: this.#handler,
      eventType: this.#eventType,
      source: 'SPREADSHEETS',
      sourceId: this.#sourceId,
      schedule: {},
    });
  }
}

class TriggerBuilderImpl {
  readonly #ctx: ServiceContext;
  readonly #handler: string;
  constructor(ctx: ServiceContext, handler: string) {
    this.#ctx = ctx;
    this.#handler = handler;
  }
  timeBased(): unknown {
    return hostObject(
      this.#ctx,
      'ClockTriggerBuilder',
      new ClockTriggerBuilderImpl(this.#ctx, this.#handler),
    );
  }
  /** forSpreadsheet(sheet or id): the emulator reads the id from getId() or takes the string. */
  forSpreadsheet(sheet: unknown): unknown {
    const id =
      typeof sheet === 'string'
        ? sheet
        : typeof (sheet as { getId?: unknown })?.getId === 'function'
          ? String((sheet as { getId: () => unknown }).getId())
          : '';
    if (!id) throw this.#ctx.error('Invalid argument: sheet');
    return hostObject(
      this.#ctx,
      'SpreadsheetTriggerBuilder',
      new SpreadsheetTriggerBuilderImpl(this.#ctx, this.#handler, id),
    );
  }
}

class ServiceImpl {
  readonly #url: string | null;
  constructor(url: string | null) {
    this.#url = url;
  }
  getUrl(): string | null {
    return this.#url;
  }
}

class ScriptAppImpl {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  newTrigger(functionName: string): unknown {
    if (typeof functionName !== 'string' || !functionName)
      throw this.#ctx.error('Invalid argument: functionName');
    return hostObject(this.#ctx, 'TriggerBuilder', new TriggerBuilderImpl(this.#ctx, functionName));
  }
  /** The current user's installable triggers in this project. */
  getProjectTriggers(): unknown[] {
    this.#ctx.requireAuth('ScriptApp.getProjectTriggers', 'FULL');
    return this.#ctx.state.triggers
      .ofUser(this.#ctx.effectiveUserEmail)
      .map((t) => hostObject(this.#ctx, 'Trigger', new TriggerImpl(t)));
  }
  /** The current user's triggers in this project for one spreadsheet (given as an object with getId()). */
  getUserTriggers(document: unknown): unknown[] {
    this.#ctx.requireAuth('ScriptApp.getUserTriggers', 'FULL');
    const getId = (document as { getId?: () => unknown } | null)?.getId;
    if (typeof getId !== 'function') throw this.#ctx.error('Invalid argument: document');
    const id = String(getId.call(document));
    return this.#ctx.state.triggers
      .ofUser(this.#ctx.effectiveUserEmail)
      .filter((t) => t.sourceId === id)
      .map((t) => hostObject(this.#ctx, 'Trigger', new TriggerImpl(t)));
  }
  /**
   * The project's web app: getUrl() is the deployment's URL, or null when the script is not deployed
   * as a web app (developers.google.com/apps-script/reference/script/service#getUrl()).
   */
  getService(): unknown {
    return hostObject(this.#ctx, 'Service', new ServiceImpl(this.#ctx.state.webAppUrl));
  }
  deleteTrigger(trigger: unknown): void {
    this.#ctx.requireAuth('ScriptApp.deleteTrigger', 'FULL');
    const impl = implementationOf(trigger);
    if (!(impl instanceof TriggerImpl)) throw this.#ctx.error('Invalid argument: trigger');
    this.#ctx.state.triggers.delete(TriggerImpl.idOf(impl));
  }
}

export function createScriptApp(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'ScriptApp', new ScriptAppImpl(ctx));
}
