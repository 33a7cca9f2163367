/**
 * One benchmark case. To add one, write a file under scripts/bench/ exporting BenchCases and list
 * them in scripts/bench/index.ts. The harness calls setup() once, then measure() once to warm up and
 * `runs` times timed; it prints the median.
 */
import type { RunResult } from '../../emulator';

export interface BenchCase<S = unknown> {
  name: string;
  /** What the case ran on, e.g. '100 teachers x 5000 calls'. */
  size: string;
  /** Timed runs (default 7). */
  runs?: number;
  setup(): S | Promise<S>;
  /** One measured operation. Return the emulator runs it made so their service calls are reported. */
  measure(state: S): MeasureResult | Promise<MeasureResult>;
  /** Releases what setup() started (a server, a temp folder), after the timed runs. */
  teardown?(state: S): void | Promise<void>;
}

export type MeasureResult = RunResult | RunResult[] | undefined;

/** Keeps each case's state type while the harness holds them in one list. */
export function benchCase<S>(spec: BenchCase<S>): BenchCase<unknown> {
  return spec as BenchCase<unknown>;
}
