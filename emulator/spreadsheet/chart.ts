/**
 * EmbeddedChart and EmbeddedChartBuilder
 * (https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder).
 * A chart is recorded on its sheet with its ranges as 'Sheet'!A1 addresses; getRanges gives Ranges back.
 */

import { declaredEnum } from '../services/declarations';
import { enumName } from '../services/host-object';
import { type Addressable, type RangeResolver, recordedAddress } from './data-validation';
import type { Surface } from './surface';
import type { RecordedChart, SheetState } from './workbook';
import { CLASS } from './wrap';

export class ChartImpl implements Surface<GoogleAppsScript.Spreadsheet.EmbeddedChart, ChartImpl> {
  [CLASS] = 'EmbeddedChart';
  constructor(
    readonly rec: RecordedChart,
    readonly sheet: SheetState,
    readonly resolve: RangeResolver,
    readonly nextId: () => number,
  ) {}
  getChartId() {
    return this.rec.id ? Number(this.rec.id) : null;
  }
  getId() {
    return this.rec.id;
  }
  getOptions() {
    return { get: (k: string) => this.rec.options[k] };
  }
  /** Ranges, as Apps Script returns them (Range objects, not text). */
  getRanges() {
    return this.rec.ranges.map(this.resolve);
  }
  modify() {
    return new ChartBuilderImpl(this.sheet, this.resolve, this.nextId, structuredClone(this.rec));
  }
}

export class ChartBuilderImpl
  implements Surface<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, ChartBuilderImpl>
{
  [CLASS] = 'EmbeddedChartBuilder';
  constructor(
    readonly sheet: SheetState,
    readonly resolve: RangeResolver,
    readonly nextId: () => number,
    readonly rec: RecordedChart = { id: '', type: 'LINE', ranges: [], position: [1, 1, 0, 0], options: {} },
  ) {}
  addRange(range: Addressable) {
    this.rec.ranges.push(recordedAddress(range));
    return this;
  }
  removeRange(range: Addressable) {
    const address = recordedAddress(range);
    this.rec.ranges = this.rec.ranges.filter((r) => r !== address);
    return this;
  }
  clearRanges() {
    this.rec.ranges = [];
    return this;
  }
  getRanges() {
    return this.rec.ranges.map(this.resolve);
  }
  setChartType(type: unknown) {
    this.rec.type = enumName(type);
    return this;
  }
  getChartType() {
    return declaredEnum('charts', 'ChartType')[this.rec.type] ?? null;
  }
  asLineChart() {
    return this.setChartType('LINE');
  }
  asColumnChart() {
    return this.setChartType('COLUMN');
  }
  asBarChart() {
    return this.setChartType('BAR');
  }
  asPieChart() {
    return this.setChartType('PIE');
  }
  setPosition(row: number, col: number, offX: number, offY: number) {
    this.rec.position = [row, col, offX, offY];
    return this;
  }
  setOption(key: string, value: unknown) {
    this.rec.options[key] = value;
    return this;
  }
  setNumHeaders(n: number) {
    this.rec.options.numHeaders = n;
    return this;
  }
  setTitle(t: string) {
    this.rec.options.title = t;
    return this;
  }
  build() {
    const rec = { ...structuredClone(this.rec), id: this.rec.id || String(this.nextId()) };
    return new ChartImpl(rec, this.sheet, this.resolve, this.nextId);
  }
}
