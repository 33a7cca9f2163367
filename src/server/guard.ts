/**
 * Wraps every entry point (menu actions, triggers, google.script.run targets): a UserError reaches
 * the person as its own sentence; anything else becomes a plain apology, so no stack trace or
 * internal detail reaches the sidebar, a dialog or an alert.
 *
 * The execution log keeps what a developer needs to find the bug: a fixed description, the error's
 * kind and where it was thrown (the stack's frames). It never keeps the error's message, because a
 * message may quote what the code was handling: a service exception can quote the value it refused,
 * a JSON SyntaxError quotes its input, and our own messages name cells, so a family's name or a note
 * could land in a log that everyone with edit access to the script can read.
 */
import { messageFor, UserError } from '../core/errors';

export function guarded<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof UserError)) console.error(logEntryFor(error));
    throw new Error(messageFor(error));
  }
}

/** A V8 stack frame: `    at fn (Code:12:34)`, `    at new Fn (Code:1:2)`, `    at Array.map (<anonymous>)`. */
const FRAME = /^\s+at (?:(?:new |async )?[\w$.<>[\] ]+ \()?(?:[\w$./\\:@-]+:\d+:\d+|<anonymous>|native)\)?$/;

/** What the execution log says about an unexpected error: its kind and frames, never its message. */
export function logEntryFor(error: unknown): string {
  if (!(error instanceof Error)) {
    return `Relationship Calls: an action stopped on a thrown ${typeof error} (not an Error, so no stack; value withheld).`;
  }
  const frames = framesOf(error);
  return [
    `Relationship Calls: an action stopped on an unexpected ${kindOf(error)}. The person saw the apology; ` +
      'the message is withheld here because it may quote a cell. Where it was thrown:',
    ...(frames.length ? frames : ['    (no stack frames)']),
  ].join('\n');
}

/** The error's class name, when it is a plain identifier (a name set from data is not logged). */
function kindOf(error: Error): string {
  return /^[A-Za-z_$][\w$]{0,60}$/.test(error.name) ? error.name : 'Error';
}

/**
 * The stack's frame lines only. V8 starts a stack with `${name}: ${message}` (the message may span
 * lines); that head is cut off first, and then only lines shaped as frames are kept, so no line of
 * the message survives even when the message was changed after the stack was taken.
 */
function framesOf(error: Error): string[] {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const head = String(error);
  const body = stack.startsWith(head) ? stack.slice(head.length) : stack;
  return body.split('\n').filter((line) => FRAME.test(line));
}
