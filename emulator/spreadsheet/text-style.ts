/**
 * SpreadsheetApp.newColor() and newTextStyle(), and the Color / RgbColor / TextStyle objects ranges
 * give back (https://developers.google.com/apps-script/reference/spreadsheet/color-builder,
 * https://developers.google.com/apps-script/reference/spreadsheet/text-style-builder).
 * Only RGB colours are emulated: a theme colour has no theme here to resolve against.
 */
import { NotEmulatedError } from '../contract';
import { normalizeColor } from './colors';
import { SpreadsheetEnums } from './enums';
import type { Surface } from './surface';
import { CLASS } from './wrap';

export class RgbColorImpl implements Surface<GoogleAppsScript.Base.RgbColor, RgbColorImpl> {
  [CLASS] = 'RgbColor';
  constructor(readonly hex: string) {}
  asHexString() {
    return this.hex;
  }
  getRed() {
    return Number.parseInt(this.hex.slice(1, 3), 16);
  }
  getGreen() {
    return Number.parseInt(this.hex.slice(3, 5), 16);
  }
  getBlue() {
    return Number.parseInt(this.hex.slice(5, 7), 16);
  }
  getColorType() {
    return SpreadsheetEnums.ColorType.RGB;
  }
}

export class ColorImpl implements Surface<GoogleAppsScript.Spreadsheet.Color, ColorImpl> {
  [CLASS] = 'Color';
  constructor(readonly hex: string) {}
  asRgbColor() {
    return new RgbColorImpl(this.hex);
  }
  getColorType() {
    return SpreadsheetEnums.ColorType.RGB;
  }
}

export class ColorBuilderImpl
  implements Surface<GoogleAppsScript.Spreadsheet.ColorBuilder, ColorBuilderImpl>
{
  [CLASS] = 'ColorBuilder';
  #hex: string | null = null;
  setRgbColor(cssString: string) {
    const hex = normalizeColor(cssString);
    if (!hex || !/^#[0-9a-f]{6}$/.test(hex)) throw new Error(`Exception: Invalid color: ${cssString}`);
    this.#hex = hex;
    return this;
  }
  setThemeColor(_theme: unknown): ColorBuilderImpl {
    throw new NotEmulatedError('ColorBuilder.setThemeColor');
  }
  asRgbColor() {
    return new RgbColorImpl(this.#require());
  }
  getColorType() {
    return this.#hex ? SpreadsheetEnums.ColorType.RGB : SpreadsheetEnums.ColorType.UNSUPPORTED;
  }
  build() {
    return new ColorImpl(this.#require());
  }
  #require(): string {
    if (!this.#hex) throw new Error('Exception: The color has not been set.');
    return this.#hex;
  }
}

/** A text style's settings; null means "not set" (the cell's own or the default applies). */
export interface TextStyleFields {
  bold: boolean | null;
  italic: boolean | null;
  underline: boolean | null;
  strikethrough: boolean | null;
  fontSize: number | null;
  fontFamily: string | null;
  color: string | null;
}

const EMPTY: TextStyleFields = {
  bold: null,
  italic: null,
  underline: null,
  strikethrough: null,
  fontSize: null,
  fontFamily: null,
  color: null,
};

export class TextStyleImpl implements Surface<GoogleAppsScript.Spreadsheet.TextStyle, TextStyleImpl> {
  [CLASS] = 'TextStyle';
  constructor(readonly fields: TextStyleFields) {}
  isBold() {
    return this.fields.bold;
  }
  isItalic() {
    return this.fields.italic;
  }
  isUnderline() {
    return this.fields.underline;
  }
  isStrikethrough() {
    return this.fields.strikethrough;
  }
  getFontSize() {
    return this.fields.fontSize;
  }
  getFontFamily() {
    return this.fields.fontFamily;
  }
  getForegroundColor() {
    return this.fields.color;
  }
  getForegroundColorObject() {
    return this.fields.color ? new ColorImpl(this.fields.color) : null;
  }
  copy() {
    return new TextStyleBuilderImpl({ ...this.fields });
  }
}

export class TextStyleBuilderImpl
  implements Surface<GoogleAppsScript.Spreadsheet.TextStyleBuilder, TextStyleBuilderImpl>
{
  [CLASS] = 'TextStyleBuilder';
  constructor(readonly fields: TextStyleFields = { ...EMPTY }) {}
  setBold(v: boolean) {
    this.fields.bold = v;
    return this;
  }
  setItalic(v: boolean) {
    this.fields.italic = v;
    return this;
  }
  setUnderline(v: boolean) {
    this.fields.underline = v;
    return this;
  }
  setStrikethrough(v: boolean) {
    this.fields.strikethrough = v;
    return this;
  }
  setFontSize(v: number) {
    this.fields.fontSize = v;
    return this;
  }
  setFontFamily(v: string | null) {
    this.fields.fontFamily = v;
    return this;
  }
  setForegroundColor(v: string | null) {
    this.fields.color = normalizeColor(v);
    return this;
  }
  setForegroundColorObject(color: ColorImpl | null) {
    this.fields.color = color ? color.hex : null;
    return this;
  }
  build() {
    return new TextStyleImpl({ ...this.fields });
  }
}
