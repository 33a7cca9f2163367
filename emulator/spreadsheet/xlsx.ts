/**
 * Workbook files: load from and save to .xlsx with ExcelJS, so tests and the preview can start from
 * and leave a real file that Excel, LibreOffice and Google Sheets open. Kept: values, formulas with
 * their cached results, number formats, notes, frozen rows, column widths, hidden columns, list and
 * checkbox validation. Formulas are written in the file format's own dialect (xlsx-dialect.ts), so
 * Excel and LibreOffice recalculate them as Sheets does, and read back as the Sheets formulas.
 */
import ExcelJS from 'exceljs';
import { colLetters } from './a1';
import { dateToSerial, type SheetState, Workbook } from './workbook';
import { fromFileFormula, keptSpilledCell, type Literal, toFileFormula } from './xlsx-dialect';

/** A checkbox has no .xlsx form: it is written as a TRUE/FALSE list, and that list read back as one. */
const CHECKBOX_LIST = '"TRUE,FALSE"';
const DAY_MS = 86_400_000;
/** Days from the serial epoch (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

export async function readXlsx(data: Buffer | string): Promise<Workbook> {
  const book = new ExcelJS.Workbook();
  if (typeof data === 'string') await book.xlsx.readFile(data);
  else await book.xlsx.load(data as unknown as ArrayBuffer);
  const wb = new Workbook({
    name: book.title || 'Untitled spreadsheet',
    timeZone: book.subject || 'America/New_York',
  });
  const states: [ExcelJS.Worksheet, SheetState][] = book.worksheets.map((ws) => [
    ws,
    wb.addSheetState(ws.name),
  ]);
  for (const [ws, state] of states) {
    const rows: unknown[][] = [];
    // Cells an array formula fills: the file holds their cached values, the sheet only the formula.
    const filled = new Set<string>();
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      // Empty cells too: a formula's spilled cells may hold no value in the file but keep their format.
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const line = rows[r - 1] ?? [];
        rows[r - 1] = line;
        const v = cell.value as unknown;
        let content: unknown = v;
        if (v && typeof v === 'object' && 'formula' in (v as object)) {
          const f = v as { formula: string; shareType?: string; ref?: string };
          const formula = fromFileFormula(f.formula, f.shareType === 'array');
          content = formula === null ? null : `=${formula}`;
          if (f.shareType === 'array' && f.ref) markFilled(filled, f.ref, r, c);
        } else if (v && typeof v === 'object' && 'richText' in (v as object))
          content = (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
        // ExcelJS reads a date-formatted serial as the Date of that wall clock in UTC: the serial again.
        else if (v instanceof Date) content = v.getTime() / DAY_MS + EXCEL_EPOCH_DAYS;
        // Text that Sheets would read as a number, date, boolean or formula keeps its apostrophe.
        if (typeof content === 'string' && !content.startsWith('=') && cell.type === ExcelJS.ValueType.String)
          content = `'${content}`;
        if (v && typeof v === 'object' && 'sharedFormula' in (v as object)) content = null;
        if (filled.has(`${r}:${c}`)) content = null;
        line[c - 1] = content;
        if (cell.numFmt) state.setProp(r - 1, c - 1, 'numberFormat', cell.numFmt);
        if (cell.note) state.setProp(r - 1, c - 1, 'note', typeof cell.note === 'string' ? cell.note : '');
        const dv = cell.dataValidation;
        if (dv?.type === 'list' && String(dv.formulae?.[0]) === CHECKBOX_LIST) {
          state.setProp(r - 1, c - 1, 'validation', {
            criteria: 'CHECKBOX',
            values: [],
            allowInvalid: dv.showErrorMessage === false,
            helpText: dv.prompt ?? '',
          });
        } else if (dv?.type === 'list') {
          const f = String(dv.formulae?.[0] ?? '');
          state.setProp(r - 1, c - 1, 'validation', {
            criteria: f.startsWith('"') ? 'VALUE_IN_LIST' : 'VALUE_IN_RANGE',
            values: [f.startsWith('"') ? f.slice(1, -1).split(',') : f, true],
            allowInvalid: dv.showErrorMessage === false,
            helpText: dv.prompt ?? '',
          });
        }
      });
    });
    // Array.from, not map: a blank row is a hole in `rows`, and map would keep the hole (NaN width).
    const width = Math.max(0, ...Array.from(rows, (r) => r?.length ?? 0));
    const block = Array.from({ length: rows.length }, (_, i) =>
      Array.from({ length: width }, (_, j) => rows[i]?.[j] ?? null),
    );
    if (block.length && width) wb.hf.batch(() => wb.write(state, 0, 0, block));
    state.frozenRows = ws.views?.[0]?.state === 'frozen' ? (ws.views[0].ySplit ?? 0) : 0;
    ws.columns?.forEach((col, i) => {
      if (col.width) state.widths.set(i + 1, Math.round(col.width * 7));
      if (col.hidden) state.hidden.add(i + 1);
    });
  }
  return wb;
}

export async function writeXlsx(wb: Workbook): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.title = wb.name;
  book.subject = wb.timeZone;
  for (const state of wb.sheets) {
    const ws = book.addWorksheet(
      state.name,
      state.frozenRows ? { views: [{ state: 'frozen', ySplit: state.frozenRows }] } : {},
    );
    const values = wb.values(state.name);
    const formulas = wb.formulas(state.name);
    const keptFills = new Set<string>();
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        const formula = formulas[r]?.[c];
        const cell = ws.getCell(r + 1, c + 1);
        // A date as its serial in the spreadsheet's zone, as the file stores dates: ExcelJS would
        // write a Date's UTC instant, a day at 05:00 for a New York school.
        const stored = value instanceof Date ? dateToSerial(value, wb.timeZone) : value;
        if (formula) cell.value = fileFormula(wb, state, [r, c], formula, stored, keptFills);
        else if (keptFills.has(`${r}:${c}`))
          cell.value = { formula: keptSpilledCell(literalOf(stored)), result: stored } as ExcelJS.CellValue;
        // A spilled cell holds its array formula's cached value, as Excel writes it.
        else if (stored !== '') cell.value = stored as ExcelJS.CellValue;
        // A date typed with no format shows as M/d/yyyy; without a format of its own ExcelJS would
        // write its default (mm-dd-yy), and the file would come back showing 10-25-26.
        if (value instanceof Date) cell.numFmt = 'M/d/yyyy';
      });
    });
    for (const [key, rec] of state.cells) {
      const [r, c] = key.split(':').map(Number) as [number, number];
      const cell = ws.getCell(r + 1, c + 1);
      if (typeof rec.numberFormat === 'string') cell.numFmt = rec.numberFormat;
      if (typeof rec.note === 'string' && rec.note) cell.note = rec.note;
      if (typeof rec.fontWeight === 'string') cell.font = { bold: rec.fontWeight === 'bold' };
      const v = rec.validation as
        | { criteria: string; values: unknown[]; allowInvalid: boolean; helpText: string }
        | undefined;
      if (v?.criteria === 'VALUE_IN_LIST' || v?.criteria === 'VALUE_IN_RANGE') {
        const list = v.values[0];
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [Array.isArray(list) ? `"${list.join(',')}"` : String(list)],
          showErrorMessage: !v.allowInvalid,
          prompt: v.helpText,
        };
      } else if (v?.criteria === 'CHECKBOX') {
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [CHECKBOX_LIST],
          showErrorMessage: !v.allowInvalid,
          prompt: v.helpText,
        };
      }
    }
    for (const [c, w] of state.widths) ws.getColumn(c).width = w / 7;
    for (const c of state.hidden) ws.getColumn(c).hidden = true;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const ERROR_VALUE = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|ERROR!)$/;

/** A stored value (dates already serials) as a formula literal. */
function literalOf(value: unknown): Literal {
  if (typeof value === 'string' && ERROR_VALUE.test(value)) return { error: value };
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value ?? '');
}

/**
 * A formula cell as the file stores it: in the file's dialect, as an array formula over what it
 * fills. A kept formula's filled cells are added to keptFills (0-based 'row:col').
 */
function fileFormula(
  wb: Workbook,
  state: SheetState,
  [row, col]: [number, number],
  formula: string,
  result: unknown,
  keptFills: Set<string>,
): ExcelJS.CellValue {
  const file = toFileFormula(formula.replace(/^=/, ''), literalOf(result));
  // What the formula fills: the spilled cells below and to the right of its own array result.
  const spills = wb.hf.isCellPartOfArray({ sheet: state.hfId, row, col });
  let bottom = row;
  while (spills && wb.isSpilled(state, bottom + 1, col)) bottom++;
  let right = col;
  while (spills && wb.isSpilled(state, row, right + 1)) right++;
  const value = { formula: file.formula, result: result as ExcelJS.CellValue };
  if (file.kept) {
    for (let r = row; r <= bottom; r++) for (let c = col; c <= right; c++) keptFills.add(`${r}:${c}`);
    return value as ExcelJS.CellFormulaValue;
  }
  if (!file.array && bottom === row && right === col) return value as ExcelJS.CellFormulaValue;
  const ref = `${colLetters(col + 1)}${row + 1}:${colLetters(right + 1)}${bottom + 1}`;
  return { ...value, shareType: 'array', ref } as ExcelJS.CellValue;
}

/** Records the cells of an array formula's range (`D2:D251`), all but its own cell (1-based r, c). */
function markFilled(filled: Set<string>, ref: string, row: number, col: number): void {
  const [first, last = first] = ref.split(':').map((address) => {
    const [, letters = '', digits = ''] = /^\$?([A-Z]+)\$?(\d+)$/i.exec(address) ?? [];
    const c = [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(digits), col: c };
  });
  if (!first?.row || !last?.row) return;
  for (let r = first.row; r <= last.row; r++)
    for (let c = first.col; c <= last.col; c++) if (r !== row || c !== col) filled.add(`${r}:${c}`);
}
