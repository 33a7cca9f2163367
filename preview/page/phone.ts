/**
 * The web app's outer page in the preview (/exec), as Google's page around a web app: it carries
 * google.script.run between the sandboxed frame holding the add-on's phone page and the preview
 * server. Each call is one POST to /api/run, run as the person chosen on the preview's main page.
 */
import { BRIDGE_SOURCE, type FromAddon, type ToAddon } from './messages';

interface RunOutcome {
  ok: boolean;
  value?: unknown;
  message?: string;
  error?: string;
}

async function run(fn: string, args: unknown[]): Promise<Omit<ToAddon, 'source' | 'id'>> {
  try {
    const response = await fetch('/api/run', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fn, args }),
    });
    const outcome = (await response.json()) as RunOutcome;
    if (!response.ok) return { ok: false, message: outcome.error ?? 'The preview refused the call.' };
    return { ok: outcome.ok, value: outcome.value, message: outcome.message };
  } catch {
    // What google.script.run reports when the connection drops.
    return { ok: false, message: 'NetworkError: Connection failure due to HTTP 0' };
  }
}

window.addEventListener('message', async (event: MessageEvent<FromAddon>) => {
  const frame = document.getElementById('sandboxFrame') as HTMLIFrameElement | null;
  if (!frame || event.source !== frame.contentWindow || event.data?.source !== BRIDGE_SOURCE) return;
  const message = event.data;
  // close and resize mean nothing to a web app, which has the whole window.
  if (message.type !== 'run') return;
  const reply: ToAddon = { source: BRIDGE_SOURCE, id: message.id, ...(await run(message.fn, message.args)) };
  frame.contentWindow?.postMessage(reply, '*');
});
