/**
 * Type test of the client-server contract, run by `npm run typecheck` (test/tsconfig.json includes
 * this folder; jest does not run it). src/server/entry-points.ts checks the real exports of
 * src/server/index.ts against ServerApi with ServerApiMismatches; here the same check is shown
 * passing on those exports and failing on drifted copies of them. Each `@ts-expect-error` line must
 * fail to compile: if the check stopped catching that drift, the directive would be unused and the
 * typecheck would fail on it.
 */
import type { LogCallResult, ServerApiHeld, ServerApiMismatches } from '../../src/common/rpc';
import type { EntryPoint } from '../../src/server/entry-points';
import type * as entryPoints from '../../src/server/index';

type Exports = typeof entryPoints;
/** The exports with one function replaced by another implementation. */
type Drifted<K extends keyof Exports, F> = Omit<Exports, K> & Record<K, F>;

/** The real module implements the contract. */
export type RealModule = ServerApiHeld<ServerApiMismatches<Exports>>;

// A parameter of another type: the client would send a CallInput the server reads as a string.
export type WrongParameter = ServerApiHeld<
  // @ts-expect-error logCall takes a CallInput
  ServerApiMismatches<Drifted<'logCall', (input: string) => LogCallResult>>
>;

// Another result: the client would read fields the server no longer returns.
export type WrongResult = ServerApiHeld<
  // @ts-expect-error refreshSummary returns { rebuilt, message }
  ServerApiMismatches<Drifted<'refreshSummary', () => { rebuilt: boolean }>>
>;

// A parameter more: the client never sends it.
export type ExtraParameter = ServerApiHeld<
  // @ts-expect-error deleteCall takes the submission id only
  ServerApiMismatches<Drifted<'deleteCall', (submissionId: string, force: boolean) => LogCallResult>>
>;

// An optional parameter more is still a drift: ServerApi says exactly what crosses.
export type OptionalParameter = ServerApiHeld<
  // @ts-expect-error getFamilyKnowledge takes one string
  ServerApiMismatches<Drifted<'getFamilyKnowledge', (studentId: string, all?: boolean) => unknown>>
>;

// A target renamed on the server: google.script.run would find no function.
// @ts-expect-error previewRoster is missing
export type Renamed = ServerApiHeld<ServerApiMismatches<Omit<Exports, 'previewRoster'>>>;

// A menu item, a trigger handler or a google.script.run target names an export, or it does not compile.
export const menuItem: EntryPoint = 'showSidebar';
// @ts-expect-error a name index.ts does not export (e.g. after a rename)
export const renamedItem: EntryPoint = 'openSidebar';
