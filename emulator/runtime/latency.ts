/**
 * An optional model of what Apps Script's calls cost in time, so that concurrent executions (each in
 * its worker) take time in proportion to what they do: every service call, every cell moved and every
 * flush adds modelled time, and a worker's call is answered only after that time (scaled by
 * `clockScale`) has passed. Inline runs (emu.run) only add it up, in RunResult.modelledMs.
 *
 * Google publishes no per-call figures; its best-practices page says only that calls to other
 * services are far slower than JavaScript and that reads and writes should be batched
 * (https://developers.google.com/apps-script/guides/support/best-practices). The defaults are public
 * measurements, the same ones scripts/bench/district.ts charges:
 * - perCallMs 60: PropertiesService setProperty averaged about 62 ms over 100 runs
 *   (ziritione.org/post/apps_script_performance); no Spreadsheet figure per method is published, so
 *   every service call is charged as one such round trip.
 * - perCellUs 12: one setValues of 4,000 cells took under 50 ms ("What is faster: ScriptDb or
 *   SpreadsheetApp?", Stack Overflow, quoted at ruby-bash.developreference.com/article/29263774).
 * - flushMs 600: the same write with SpreadsheetApp.flush() after it took 610 ms (same source).
 */

export interface LatencyModel {
  /** Every service call the execution makes (Spreadsheet, Lock, Session, Properties...). */
  perCallMs: number;
  /** Every cell a Spreadsheet call reads or writes (emulator/spreadsheet/cells.ts). */
  perCellUs: number;
  /** SpreadsheetApp.flush(), on top of its call. */
  flushMs: number;
  /**
   * Real milliseconds per modelled millisecond (default 1): 0.01 plays a modelled second in 10 ms so a
   * test of a staff meeting stays short. Lock timeouts and waits are scaled the same way, and
   * RunResult.lockWaitMs is given back in modelled milliseconds.
   */
  clockScale: number;
}

export const DEFAULT_LATENCY: LatencyModel = { perCallMs: 60, perCellUs: 12, flushMs: 600, clockScale: 1 };

export function latencyModel(options: Partial<LatencyModel> | undefined): LatencyModel | undefined {
  if (!options) return undefined;
  const model = { ...DEFAULT_LATENCY, ...options };
  for (const [key, value] of Object.entries(model)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new Error(`latency.${key} must be a number of 0 or more (got ${String(value)}).`);
  }
  if (model.clockScale === 0) throw new Error('latency.clockScale must be more than 0.');
  return model;
}

/** Modelled milliseconds of one call named `name` (e.g. 'SpreadsheetApp.flush'). */
export function callMs(model: LatencyModel, name: string): number {
  return model.perCallMs + (name === 'SpreadsheetApp.flush' ? model.flushMs : 0);
}

export function cellsMs(model: LatencyModel, cells: number): number {
  return (cells * model.perCellUs) / 1000;
}
