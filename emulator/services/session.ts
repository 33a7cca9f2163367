/** Session: who runs the execution, and the script's time zone. */
import type { ServiceContext } from './context';
import { hostObject } from './host-object';

class UserImpl {
  readonly #email: string;
  constructor(email: string) {
    this.#email = email;
  }
  getEmail(): string {
    return this.#email;
  }
  toString(): string {
    return this.#email;
  }
}

class SessionImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  /**
   * The signed-in user. Blank when the run's user is '' (a consumer account, or someone outside the
   * domain) and in AuthMode.NONE, which allows no service that needs authorization.
   */
  getActiveUser(): unknown {
    const email = this.#ctx.authMode === 'NONE' ? '' : this.#ctx.userEmail;
    return hostObject(this.#ctx, 'User', new UserImpl(email));
  }
  /** The user whose authority the script runs with: the trigger's owner, else the active user. */
  getEffectiveUser(): unknown {
    const email = this.#ctx.authMode === 'NONE' ? '' : this.#ctx.effectiveUserEmail;
    return hostObject(this.#ctx, 'User', new UserImpl(email));
  }
  getScriptTimeZone(): string {
    return this.#ctx.state.timeZone;
  }
  getActiveUserLocale(): string {
    return this.#ctx.state.locale;
  }
  /** Stable per user and script, never the email itself. */
  getTemporaryActiveUserKey(): string {
    return this.#ctx.state.temporaryUserKey(this.#ctx.userEmail);
  }
}

export function createSession(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'Session', new SessionImpl(ctx));
}
