/**
 * MailApp: mail is recorded on the emulator (emu.mail) instead of being sent, with Apps Script's
 * daily recipient quota. The quota counts recipients, not messages (to, cc and bcc each count:
 * developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota()); a test sets
 * what is left with emu.setMailQuota. Sending past it fails as Apps Script does.
 */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';

/** What a consumer Google account may send a day (Quotas for Google Services); Workspace has more. */
export const DEFAULT_MAIL_QUOTA = 100;
export const QUOTA_EXCEEDED = 'Service invoked too many times for one day: email.';

/** One message as the emulator recorded it. */
export interface MailRecord {
  /** The sender: the user the script runs as. */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string;
  name: string;
  subject: string;
  body: string;
  htmlBody: string;
}

/** The project's sent mail and the day's remaining quota, kept across executions. */
export class MailStore {
  readonly #sent: MailRecord[] = [];
  remaining = DEFAULT_MAIL_QUOTA;
  all(): MailRecord[] {
    return this.#sent.map((m) => structuredClone(m));
  }
  record(message: MailRecord): void {
    this.#sent.push(message);
  }
}

const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

interface MessageOptions {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  replyTo?: unknown;
  name?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  noReply?: unknown;
}

class MailAppImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  getRemainingDailyQuota(): number {
    this.#ctx.requireAuth('MailApp.getRemainingDailyQuota', 'FULL');
    return this.#ctx.state.mail.remaining;
  }
  /** sendEmail(message), (recipient, subject, body[, options]) and (to, replyTo, subject, body). */
  sendEmail(...args: unknown[]): void {
    this.#ctx.requireAuth('MailApp.sendEmail', 'FULL');
    let m: MessageOptions;
    if (args.length === 1 && typeof args[0] === 'object' && args[0] !== null) m = args[0] as MessageOptions;
    else if (args.length === 4 && typeof args[3] === 'string')
      m = { to: args[0], replyTo: args[1], subject: args[2], body: args[3] };
    else
      m = {
        ...((args[3] as MessageOptions | undefined) ?? {}),
        to: args[0],
        subject: args[1],
        body: args[2],
      };
    const list = (value: unknown) =>
      value === undefined || value === null || value === ''
        ? []
        : String(value)
            .split(',')
            .map((a) => a.trim())
            .filter(Boolean);
    const to = list(m.to);
    const cc = list(m.cc);
    const bcc = list(m.bcc);
    const everyone = [...to, ...cc, ...bcc];
    if (!to.length) throw this.#ctx.error('Failed to send email: no recipient');
    for (const address of everyone)
      if (!EMAIL.test(address)) throw this.#ctx.error(`Invalid email: ${address}`);
    if (m.subject === undefined)
      throw this.#ctx.error("The parameters don't match the method signature for MailApp.sendEmail.");
    const store = this.#ctx.state.mail;
    if (everyone.length > store.remaining) throw this.#ctx.error(QUOTA_EXCEEDED);
    store.remaining -= everyone.length;
    store.record({
      from: this.#ctx.effectiveUserEmail,
      to,
      cc,
      bcc,
      replyTo: m.replyTo === undefined ? '' : String(m.replyTo),
      name: m.name === undefined ? '' : String(m.name),
      subject: String(m.subject),
      body: m.body === undefined ? '' : String(m.body),
      htmlBody: m.htmlBody === undefined ? '' : String(m.htmlBody),
    });
  }
}

export function createMailApp(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'MailApp', new MailAppImpl(ctx));
}
