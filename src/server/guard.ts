/**
 * Wraps every google.script.run target and menu action: a UserError reaches the person as its own
 * sentence; anything else becomes a plain apology, so no stack trace or internal detail (or personal
 * data inside an error message) reaches the sidebar. The real error still goes to the execution log.
 */
import { messageFor, UserError } from '../core/errors';

export function guarded<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof UserError))
      console.error(error instanceof Error ? error.name : 'error', 'in add-on action');
    throw new Error(messageFor(error));
  }
}
