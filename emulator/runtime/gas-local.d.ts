// gas-local ships no types. gasrequire(folder, globals, options) contextifies `globals` and runs each
// file of the folder that passes options.filter in it, returning the context.
declare module 'gas-local/gasrequire' {
  import type { Context } from 'node:vm';

  function gasrequire(
    folderPath: string,
    globalObject?: object,
    options?: { filter?: (file: string) => boolean },
  ): Context;
  export = gasrequire;
}
