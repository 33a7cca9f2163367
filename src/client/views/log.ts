/** The "Log a call" sidebar view. */
export function start(root: HTMLElement): void {
  root.textContent = 'Relationship Calls';
}
