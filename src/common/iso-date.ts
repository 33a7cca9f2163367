/**
 * The shape of a calendar date as it crosses google.script.run: 'YYYY-MM-DD'. It lives in common/
 * because the sidebar and the server validate the same text with it (common/call-input.ts); core's
 * date arithmetic (core/dates.ts) builds on it, so the arrow points core -> common as DESIGN.md says.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for 'YYYY-MM-DD' naming a day that exists (2026-02-30 does not). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1;
}
