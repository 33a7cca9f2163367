/**
 * google.script.run and google.script.host inside the preview's add-on iframe (a sidebar or a
 * dialog). As in Sheets, the add-on's page runs in a sandboxed frame that cannot reach the spreadsheet
 * window; each call goes as a message to that window, which runs the server function and answers.
 * The runner has exactly the bundle's functions (given in data-functions), handlers run
 * asynchronously, and withUserObject passes its object as the handlers' second argument.
 */
import { BRIDGE_SOURCE, type FromAddon, type ToAddon } from './messages';

type Handler = (value: unknown, userObject?: unknown) => void;
interface Handlers {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}

const functions: string[] = JSON.parse(document.currentScript?.dataset.functions ?? '[]');
const pending = new Map<number, Handlers>();
let nextId = 0;

function post(message: FromAddon): void {
  // The sandboxed frame's origin is opaque; the spreadsheet window checks which frame it came from.
  window.parent.postMessage(message, '*');
}

function runner(handlers: Handlers): Record<string, unknown> {
  const run: Record<string, unknown> = {
    withSuccessHandler: (fn: Handler) => runner({ ...handlers, success: fn }),
    withFailureHandler: (fn: Handler) => runner({ ...handlers, failure: fn }),
    withUserObject: (object: unknown) => runner({ ...handlers, userObject: object }),
  };
  for (const name of functions) {
    run[name] = (...args: unknown[]): void => {
      const id = ++nextId;
      // Arguments cross as JSON, as with google.script.run (functions and undefined are dropped).
      const sent = JSON.parse(JSON.stringify(args, (_key, value) => (value === undefined ? null : value)));
      pending.set(id, handlers);
      post({ source: BRIDGE_SOURCE, type: 'run', id, fn: name, args: sent });
    };
  }
  return run;
}

window.addEventListener('message', (event: MessageEvent<ToAddon>) => {
  if (event.source !== window.parent || event.data?.source !== BRIDGE_SOURCE) return;
  const reply = event.data;
  const handlers = pending.get(reply.id);
  if (!handlers) return;
  pending.delete(reply.id);
  if (reply.ok) handlers.success?.(reply.value, handlers.userObject);
  else handlers.failure?.(new Error(reply.message ?? 'The add-on failed.'), handlers.userObject);
});

(window as unknown as { google: unknown }).google = {
  script: {
    run: runner({}),
    host: {
      origin: window.location.origin,
      close: () => post({ source: BRIDGE_SOURCE, type: 'close' }),
      setHeight: (height: number) => post({ source: BRIDGE_SOURCE, type: 'resize', height }),
      setWidth: (width: number) => post({ source: BRIDGE_SOURCE, type: 'resize', width }),
      // Moves focus back to the spreadsheet; the preview's page keeps its own focus.
      editor: { focus: () => {} },
    },
  },
};
