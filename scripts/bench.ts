// `npm run bench [filter]`: runs each case of scripts/bench/ (or those whose name contains `filter`)
// and prints one JSON line per case: {"name","size","ms_median","n","calls"}, where calls is the
// number of Apps Script service calls one measured operation made (spreadsheet_calls: the
// Spreadsheet service's share) and cells_read / cells_written the cells its Spreadsheet calls moved
// (emulator/spreadsheet/cells.ts); modelled_ms, for cases run under the emulator's latency model
// (emulator/runtime/latency.ts), the Apps Script time those calls and cells stand for. Speed targets
// live here, not in timed tests.
import type { RunResult } from '../emulator';
import type { MeasureResult } from './bench/case';
import { cases } from './bench/index';

interface Counts {
  calls: number;
  spreadsheet_calls: number;
  cells_read: number;
  cells_written: number;
  modelled_ms: number;
}

function callCounts(result: MeasureResult): Counts | undefined {
  if (!result) return undefined;
  const runs: RunResult[] = Array.isArray(result) ? result : [result];
  const failed = runs.find((run) => run.error);
  if (failed) throw failed.error;
  return {
    calls: runs.reduce((sum, run) => sum + Object.values(run.calls).reduce((a, b) => a + b, 0), 0),
    spreadsheet_calls: runs.reduce((sum, run) => sum + run.spreadsheetCalls, 0),
    cells_read: runs.reduce((sum, run) => sum + run.cellsRead, 0),
    cells_written: runs.reduce((sum, run) => sum + run.cellsWritten, 0),
    modelled_ms: Math.round(runs.reduce((sum, run) => sum + run.modelledMs, 0)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const selected = cases.filter((c) => c.name.includes(filter));
  if (!selected.length) throw new Error(`No benchmark case name contains "${filter}".`);
  for (const benchCase of selected) {
    const state = await benchCase.setup();
    const warm = await benchCase.measure(state);
    const counts = callCounts(warm);
    const n = benchCase.runs ?? 7;
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      callCounts(await benchCase.measure(state));
      times.push(performance.now() - start);
    }
    await benchCase.teardown?.(state);
    const line = {
      name: benchCase.name,
      size: benchCase.size,
      ms_median: Math.round(median(times) * 100) / 100,
      n,
      calls: counts?.calls ?? null,
      ...(counts
        ? {
            spreadsheet_calls: counts.spreadsheet_calls,
            cells_read: counts.cells_read,
            cells_written: counts.cells_written,
            ...(counts.modelled_ms ? { modelled_ms: counts.modelled_ms } : {}),
          }
        : {}),
    };
    console.log(JSON.stringify(line));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
