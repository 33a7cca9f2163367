import { CALL_LOG, FAMILIES, headerKey, TABLES, TEACHERS } from '../../src/common/schema';
import { decodeText, encodeText, toIsoDate } from '../../src/core/cell-encoding';
import { headerIndex } from '../../src/server/tables';

describe('headers are matched loosely, never by position', () => {
  test('case, spacing, underscores and apostrophes are forgiven', () => {
    expect(headerKey(' student_name ')).toBe(headerKey('Student Name'));
    expect(headerKey('STUDENT-ID')).toBe(headerKey('Student ID'));
    expect(headerKey('Childs strengths and interests')).toBe(headerKey("Child's Strengths and Interests"));
    expect(headerKey('Child’s Strengths and Interests')).toBe(headerKey("Child's Strengths and Interests"));
  });

  test('a reordered header row still finds every column', () => {
    const reordered = ['Outcome', 'my own notes', 'student id', 'CALL DATE'];
    const index = headerIndex(reordered);
    expect(index.get(headerKey('Student ID'))).toBe(2);
    expect(index.get(headerKey('Call Date'))).toBe(3);
    expect(index.get(headerKey('Outcome'))).toBe(0);
  });

  test('no table repeats a header, even after normalisation', () => {
    for (const table of TABLES) {
      const keys = table.columns.map((c) => headerKey(c.header));
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(CALL_LOG.columns.length).toBeGreaterThan(10);
    expect(FAMILIES.columns.some((c) => c.type === 'formula')).toBe(true);
    expect(TEACHERS.columns[0]?.header).toBe('Name');
  });
});

describe('cell encoding', () => {
  test('every non-empty text is written with a leading apostrophe so Sheets keeps it as text', () => {
    for (const text of ['=1+1', '+1 555 0100', '-x', '@me', '\t=1', '\r=1', '＝1', '007', 'TRUE', "'tis"]) {
      expect(encodeText(text)).toBe(`'${text}`);
    }
    expect(encodeText('')).toBe('');
  });

  test('hand-typed cells read back as the text a person expects', () => {
    expect(decodeText('Hola 👋 مرحبا')).toBe('Hola 👋 مرحبا');
    expect(decodeText(7)).toBe('7');
    expect(decodeText(true)).toBe('TRUE');
    expect(decodeText('')).toBe('');
    expect(decodeText(new Date('2026-09-14T04:00:00Z'), 'America/New_York')).toBe('2026-09-14');
  });

  test('dates are read in the spreadsheet time zone', () => {
    const lateEvening = new Date('2026-09-15T02:30:00Z');
    expect(toIsoDate(lateEvening, 'America/Los_Angeles')).toBe('2026-09-14');
    expect(toIsoDate(lateEvening, 'Europe/Berlin')).toBe('2026-09-15');
  });
});
