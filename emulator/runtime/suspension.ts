/**
 * What a service call returns when it cannot finish on the spot in a worker's execution: the main
 * thread settles it, then answers the worker, which stays blocked meanwhile (Apps Script is synchronous).
 */

/** Wait for a promise (a lock being granted, Utilities.sleep): its value is the call's result. */
export class Deferred {
  constructor(readonly promise: Promise<unknown>) {}
}

/** Run template code in the worker's script context, then continue with the printed HTML. */
export class ScriptCall {
  constructor(
    readonly code: string,
    readonly variables: Record<string, unknown>,
    readonly then: (output: string) => unknown,
  ) {}
}
