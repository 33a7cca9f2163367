/**
 * SpreadsheetApp.getUi(): menus, sidebars and dialogs are recorded on the execution; alert() and
 * prompt() are answered from the script of answers the test gives (`answers: [{ button: 'YES' }]`).
 */
import type { ServiceContext } from './context';
import { EnumValue, enumName, enumOf, hostObject, implementationOf } from './host-object';
import { HtmlOutputImpl } from './html';

export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
export type ButtonName = keyof typeof Button;
export type ButtonSetName = keyof typeof ButtonSet;

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuItem =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; items: MenuItem[] };

export interface MenuRecord {
  /** Where the menu appears: ['Extensions', addon name] for an add-on menu, [caption] for a menu bar menu. */
  path: string[];
  addon: boolean;
  items: MenuItem[];
}

export interface HtmlRecord {
  title: string;
  html: string;
  width: number | undefined;
  height: number | undefined;
}
export interface DialogRecord extends HtmlRecord {
  modal: boolean;
}
export interface AlertRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  /** The button the scripted answer pressed. */
  button: ButtonName;
  /** The text typed into a prompt. */
  text?: string;
}

/** A Spreadsheet.toast(): a passing message in the corner of the sheet; nothing waits for it. */
export interface ToastRecord {
  message: string;
  title: string;
}

export interface UiRecord {
  menus: MenuRecord[];
  sidebars: HtmlRecord[];
  dialogs: DialogRecord[];
  alerts: AlertRecord[];
  toasts: ToastRecord[];
}

/** One scripted answer to an alert or a prompt: the button pressed, and for a prompt the text typed. */
export interface UiAnswer {
  button: ButtonName;
  text?: string;
}

export function emptyUiRecord(): UiRecord {
  return { menus: [], sidebars: [], dialogs: [], alerts: [], toasts: [] };
}

function htmlRecord(ctx: ServiceContext, method: string, userInterface: unknown): HtmlRecord {
  const output = implementationOf(userInterface);
  if (!(output instanceof HtmlOutputImpl)) {
    throw ctx.error(
      `The parameters (${typeName(userInterface)}) don't match the method signature for Ui.${method}.`,
    );
  }
  return {
    title: output.getTitle(),
    html: output.getContent(),
    width: output.getWidth(),
    height: output.getHeight(),
  };
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  return typeof value === 'object' ? 'Object' : typeof value;
}

class MenuImpl {
  readonly #ctx: ServiceContext;
  readonly #path: string[];
  readonly #addon: boolean;
  readonly #items: MenuItem[] = [];
  constructor(ctx: ServiceContext, path: string[], addon: boolean) {
    this.#ctx = ctx;
    this.#path = path;
    this.#addon = addon;
  }
  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== 'string' || !functionName)
      throw this.#ctx.error('Invalid argument: functionName');
    this.#items.push({ kind: 'item', caption: String(caption), functionName });
    return this;
  }
  addSeparator(): this {
    this.#items.push({ kind: 'separator' });
    return this;
  }
  addSubMenu(menu: unknown): this {
    const sub = implementationOf(menu);
    if (!(sub instanceof MenuImpl)) throw this.#ctx.error('Invalid argument: menu');
    this.#items.push({
      kind: 'submenu',
      caption: sub.#path[sub.#path.length - 1] ?? '',
      items: structuredClone(sub.#items),
    });
    return this;
  }
  addToUi(): void {
    const record = this.#ctx.ui.menus;
    const key = this.#path.join('\u0000');
    const same = record.findIndex((m) => m.path.join('\u0000') === key);
    const menu: MenuRecord = {
      path: [...this.#path],
      addon: this.#addon,
      items: structuredClone(this.#items),
    };
    // Adding a menu of the same name again replaces it: the menu bar shows one menu per caption.
    if (same >= 0) record[same] = menu;
    else record.push(menu);
  }
}

class PromptResponseImpl {
  readonly #button: EnumValue;
  readonly #text: string;
  constructor(button: EnumValue, text: string) {
    this.#button = button;
    this.#text = text;
  }
  getResponseText(): string {
    return this.#text;
  }
  getSelectedButton(): EnumValue {
    return this.#button;
  }
}

class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  createMenu(caption: string): unknown {
    return this.#menu([String(caption)], false);
  }
  createAddonMenu(): unknown {
    return this.#menu(['Extensions', this.#ctx.state.scriptName], true);
  }
  #menu(path: string[], addon: boolean): unknown {
    return hostObject(this.#ctx, 'Menu', new MenuImpl(this.#ctx, path, addon));
  }
  showSidebar(userInterface: unknown): void {
    this.#ctx.ui.sidebars.push(htmlRecord(this.#ctx, 'showSidebar', userInterface));
  }
  showModalDialog(userInterface: unknown, title: string): void {
    const record = htmlRecord(this.#ctx, 'showModalDialog', userInterface);
    this.#ctx.ui.dialogs.push({ ...record, title: String(title), modal: true });
  }
  showModelessDialog(userInterface: unknown, title: string): void {
    const record = htmlRecord(this.#ctx, 'showModelessDialog', userInterface);
    this.#ctx.ui.dialogs.push({ ...record, title: String(title), modal: false });
  }
  alert(...args: unknown[]): EnumValue {
    const { title, prompt, buttons } = this.#dialogArgs('alert', args);
    return Button[this.#answer('alert', title, prompt, buttons).button];
  }
  prompt(...args: unknown[]): unknown {
    const { title, prompt, buttons } = this.#dialogArgs('prompt', args);
    const answer = this.#answer('prompt', title, prompt, buttons);
    return hostObject(
      this.#ctx,
      'PromptResponse',
      new PromptResponseImpl(Button[answer.button], answer.text ?? ''),
    );
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons); the same for prompt(). */
  #dialogArgs(method: string, args: unknown[]): { title: string; prompt: string; buttons: ButtonSetName } {
    const isButtonSet = (v: unknown) => v instanceof EnumValue && enumName(v) in ButtonSet;
    if (args.length === 1) return { title: '', prompt: String(args[0]), buttons: 'OK' };
    if (args.length === 2 && isButtonSet(args[1]))
      return { title: '', prompt: String(args[0]), buttons: enumName(args[1]) as ButtonSetName };
    if (args.length === 3 && isButtonSet(args[2]))
      return { title: String(args[0]), prompt: String(args[1]), buttons: enumName(args[2]) as ButtonSetName };
    throw this.#ctx.error(`The parameters don't match the method signature for Ui.${method}.`);
  }
  #answer(kind: 'alert' | 'prompt', title: string, prompt: string, buttons: ButtonSetName): UiAnswer {
    const answer = this.#ctx.answers.shift();
    if (!answer) {
      throw new Error(
        `The script showed ${kind} "${prompt}" but the test scripted no answer for it: pass answers: [{ button: '${BUTTONS_OF[buttons][0]}' }] to the run.`,
      );
    }
    // The dialog's close box is always there, so CLOSE answers any dialog.
    if (answer.button !== 'CLOSE' && !BUTTONS_OF[buttons].includes(answer.button)) {
      throw new Error(
        `The scripted answer presses ${answer.button}, but ${kind} "${prompt}" shows only ${BUTTONS_OF[buttons].join(', ')}.`,
      );
    }
    const record: AlertRecord = { kind, title, prompt, buttons, button: answer.button };
    if (kind === 'prompt') record.text = answer.text ?? '';
    this.#ctx.ui.alerts.push(record);
    return answer;
  }
}

export function createUi(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'Ui', new UiImpl(ctx));
}
