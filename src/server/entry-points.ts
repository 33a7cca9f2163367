/**
 * The names Apps Script calls the add-on by: a menu item's function, a time trigger's handler, a
 * google.script.run target. Each must be an export of index.ts (the build makes exactly those
 * top-level functions), so they are typed from its exports: renaming an export without the menu item
 * or trigger that names it fails to compile.
 */
import type { ServerApiHeld, ServerApiMismatches } from '../common/rpc';
import type * as entryPoints from './index';

type Exports = typeof entryPoints;

/** The name of one of index.ts's exports. */
export type EntryPoint = keyof Exports;

/**
 * Compile-time only: index.ts exports every ServerApi function (src/common/rpc.ts) with exactly its
 * parameters and result, so what the client sends and expects is what the server runs. A drift is a
 * type error here naming the function.
 */
export type ServerApiImplemented = ServerApiHeld<ServerApiMismatches<Exports>>;
