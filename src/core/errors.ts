/**
 * An error a person can fix: its message is a sentence that says what to do, shown as is in the
 * sidebar, a dialog or an alert. Any other error is a bug: people see a plain apology, never a stack.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export const UNEXPECTED_ERROR_MESSAGE =
  'Something went wrong on our side and nothing was saved. Please try again; if it keeps happening, tell the person who set up this spreadsheet.';

/** The sentence to show for any thrown value. */
export function messageFor(error: unknown): string {
  return error instanceof UserError ? error.message : UNEXPECTED_ERROR_MESSAGE;
}
