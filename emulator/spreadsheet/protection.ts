/**
 * Protection of a range or a sheet (https://developers.google.com/apps-script/reference/spreadsheet/protection).
 * Recorded on the sheet; the emulator runs every script as an editor, so canEdit is true.
 */
import { SpreadsheetEnums } from './enums';
import type { Surface } from './surface';
import type { RecordedProtection, SheetState } from './workbook';
import { CLASS } from './wrap';

export class ProtectionImpl implements Surface<GoogleAppsScript.Spreadsheet.Protection, ProtectionImpl> {
  [CLASS] = 'Protection';
  constructor(
    readonly sheet: SheetState,
    readonly rec: RecordedProtection,
    /** The protected block as a Range of the execution (the whole sheet for a sheet protection). */
    readonly range: () => object,
  ) {}
  setWarningOnly(w: boolean) {
    this.rec.warningOnly = w;
    return this;
  }
  isWarningOnly() {
    return this.rec.warningOnly;
  }
  setDescription(d: string) {
    this.rec.description = d;
    return this;
  }
  getDescription() {
    return this.rec.description;
  }
  getProtectionType() {
    return SpreadsheetEnums.ProtectionType[this.rec.range ? 'RANGE' : 'SHEET'];
  }
  getRange() {
    return this.range();
  }
  remove() {
    this.sheet.protections = this.sheet.protections.filter((p) => p.id !== this.rec.id);
  }
  canEdit() {
    return true;
  }
}
