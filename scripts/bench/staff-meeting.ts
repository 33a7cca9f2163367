/**
 * A staff meeting: 40 teachers press Log call within 10 seconds, through the real dist/Code.js in
 * emulator workers under the latency model (emulator/runtime/latency.ts: published per-call,
 * per-cell and flush figures), on the real clock (a sped-up one would count the emulator's own work,
its formulas recalculating, many times over). Teardown prints one more JSON line: how many
 * were told the spreadsheet is busy, calls lost and duplicated, and the p50/p95 wait for the
 * document lock in seconds. The waits include a little of the emulator's own work, which the model
 * counts as Apps Script time.
 */
import type { RunResult } from '../../emulator';
import type { LogCallResult } from '../../src/common/rpc';
import { callInput, callRows, FAMILY, type School, school } from '../../test/bundle/school-fixture';
import { benchCase } from './case';

const TEACHERS = 40;
const WITHIN_MS = 10_000;
const CLOCK_SCALE = 1;

interface State extends School {
  runs: RunResult[];
  sent: string[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const staffMeetingCases = [
  benchCase<State>({
    name: 'staff meeting: 40 teachers press Log call within 10 s (latency model, workers)',
    size: `${TEACHERS} teachers, clock scale ${CLOCK_SCALE}`,
    runs: 1,
    setup() {
      const made = school({ emulator: { latency: { clockScale: CLOCK_SCALE } } });
      made.workbook.appendRows(
        'Teachers',
        Array.from({ length: TEACHERS }, (_, i) => [`Teacher ${i + 1}`, `teacher${i + 1}@maple.example`, 10]),
      );
      return { ...made, runs: [], sent: [] };
    },
    async measure(state) {
      const families = Object.values(FAMILY);
      const sent = Array.from({ length: TEACHERS }, (_, i) => ({
        fn: 'logCall',
        user: `teacher${i + 1}@maple.example`,
        args: [callInput({ studentId: families[i % families.length]?.id })],
        startAfterMs: Math.round((i * WITHIN_MS) / (TEACHERS - 1)),
      }));
      state.runs = await state.emu.runConcurrently(sent);
      state.sent = sent.map((s) => (s.args[0] as { submissionId: string }).submissionId);
      return undefined;
    },
    teardown(state) {
      const ids = callRows(state.workbook).map((r) => String(r['Submission ID']));
      const mine = ids.filter((id) => state.sent.includes(id));
      const busy = state.runs.filter((r) => /busy/.test(r.error?.message ?? '')).length;
      const saved = state.runs.filter((r) => (r.result as LogCallResult | undefined)?.written).length;
      const waits = state.runs.map((r) => r.lockWaitMs / 1000);
      console.log(
        JSON.stringify({
          name: 'staff meeting: busy, lost, duplicated and lock waits (modelled seconds)',
          size: `${TEACHERS} teachers within ${WITHIN_MS / 1000} s, last run`,
          told_busy: busy,
          saved,
          lost: state.sent.filter((id) => !ids.includes(id)).length,
          duplicated: mine.length - new Set(mine).size,
          lock_wait_p50_s: Math.round(percentile(waits, 50) * 10) / 10,
          lock_wait_p95_s: Math.round(percentile(waits, 95) * 10) / 10,
          modelled_save_s:
            Math.round(
              percentile(
                state.runs.map((r) => r.modelledMs / 1000),
                50,
              ) * 100,
            ) / 100,
        }),
      );
    },
  }),
];
