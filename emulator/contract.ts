/**
 * The seam between the emulator's runtime (loader, executions, non-spreadsheet services) and its
 * SpreadsheetApp over HyperFormula (emulator/spreadsheet/). Neither side knows anything of the
 * add-on: the emulator runs any Apps Script bundle.
 */

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** What one execution (one call of a global by one user) gives the services it builds. */
export interface ExecutionContext {
  /** Counts one service call by its Apps Script name, e.g. 'Range.getValues'. */
  count(name: string): void;
  /** Adds the cells a counted call moved (see emulator/spreadsheet/cells.ts) to the execution's figures. */
  countCells?(name: string, read: number, written: number): void;
  /** The constructors of the script's vm realm: values handed to the script must be of its realm
   *  (a Date made in Node's realm fails `instanceof Date` inside the script). */
  readonly realm: {
    readonly Date: DateConstructor;
    readonly Array: ArrayConstructor;
    readonly Object: ObjectConstructor;
    readonly Error: ErrorConstructor;
  };
  readonly authMode: AuthMode;
  /** The signed-in user's email ('' models a consumer account or a user who has not authorized). */
  readonly userEmail: string;
  /** The Ui object (menus, sidebars, dialogs, alerts) the runtime records for this execution. */
  getUi(): unknown;
  /** Records a Spreadsheet.toast() on the execution's UiRecord (what a host shows as a passing message). */
  toast(message: string, title: string): void;
}

/** Thrown for any method the emulator does not implement: no silent gaps. */
export class NotEmulatedError extends Error {
  constructor(qualifiedName: string) {
    super(`Not emulated: ${qualifiedName}`);
    this.name = 'NotEmulatedError';
  }
}
