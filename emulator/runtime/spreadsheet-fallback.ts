/**
 * Until emulator/spreadsheet lands, SpreadsheetApp offers only getUi(); every other member throws
 * `Not emulated: SpreadsheetApp.x`, so nothing passes silently.
 */
import type { ExecutionContext } from '../contract';
import { NotEmulatedError } from '../contract';

export function fallbackSpreadsheetApp(ctx: ExecutionContext): object {
  const app = {
    getUi() {
      ctx.count('SpreadsheetApp.getUi');
      return ctx.getUi();
    },
  };
  return new Proxy(app, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop in target) return Reflect.get(target, prop);
      return () => {
        throw new NotEmulatedError(`SpreadsheetApp.${prop}`);
      };
    },
  });
}
