/**
 * Workbook files: load from and save to .xlsx with ExcelJS, so tests and the preview can start from
 * and leave a real file that Excel, LibreOffice and Google Sheets open. Kept: values, formulas with
 * their cached results, number formats, notes, frozen rows, column widths, hidden columns, list and
 * checkbox validation.
 */
import ExcelJS from 'exceljs';
import { type SheetState, Workbook } from './workbook';

/** A checkbox has no .xlsx form: it is written as a TRUE/FALSE list, and that list read back as one. */
const CHECKBOX_LIST = '"TRUE,FALSE"';

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
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      // Empty cells too: a formula's spilled cells hold no value in the file but keep their format.
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const line = rows[r - 1] ?? [];
        rows[r - 1] = line;
        const v = cell.value as unknown;
        let content: unknown = v;
        if (v && typeof v === 'object' && 'formula' in (v as object))
          content = `=${(v as { formula: string }).formula}`;
        else if (v && typeof v === 'object' && 'richText' in (v as object))
          content = (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
        else if (v instanceof Date) content = new Date(v.getTime() + v.getTimezoneOffset() * 0);
        // Text that Sheets would read as a number, date, boolean or formula keeps its apostrophe.
        if (typeof content === 'string' && !content.startsWith('=') && cell.type === ExcelJS.ValueType.String)
          content = `'${content}`;
        if (v && typeof v === 'object' && 'sharedFormula' in (v as object)) content = null;
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
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        const formula = formulas[r]?.[c];
        // A spilled cell is the anchor formula's result: written as a value it would block the
        // formula when the file is opened again (#SPILL!).
        if (!formula && value !== '' && wb.isSpilled(state, r, c)) return;
        const cell = ws.getCell(r + 1, c + 1);
        const result = value instanceof Date ? value : value;
        if (formula)
          cell.value = {
            formula: formula.replace(/^=/, ''),
            result: result as ExcelJS.CellValue,
          } as ExcelJS.CellFormulaValue;
        else if (value !== '') cell.value = value as ExcelJS.CellValue;
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
