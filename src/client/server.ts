/**
 * The client's only way to the server: a promise per google.script.run call, typed from ServerApi, so
 * the sidebar cannot call a function the server does not export or pass it the wrong arguments
 * (src/server/entry-points.ts fails to compile when index.ts's exports drift from ServerApi).
 * The failure handler receives the server's sentence (see src/server/guard.ts).
 */
import type { ServerApi } from '../common/rpc';

type Args<K extends keyof ServerApi> = Parameters<ServerApi[K]>;
type Result<K extends keyof ServerApi> = ReturnType<ServerApi[K]>;

export function callServer<K extends keyof ServerApi>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value: unknown) => resolve(value as Result<K>))
      .withFailureHandler((error: Error) =>
        reject(new Error(error?.message || String(error))),
      ) as unknown as Record<string, (...a: unknown[]) => void>;
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(
        new Error(`The add-on has no server function "${String(name)}". Reload the page and try again.`),
      );
      return;
    }
    fn(...args);
  });
}

/** Closes a dialog or the sidebar (google.script.host exists only inside Sheets and the preview). */
export function closeHost(): void {
  google.script.host.close();
}
