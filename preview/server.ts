/**
 * `npm start`: the real add-on (dist/Code.js) running in the emulator on a demo school workbook, in
 * the browser. Environment: PORT (default 8080; 0 picks a free port), HOST (default 127.0.0.1), and
 * PREVIEW_DATA_DIR (default .local), the folder holding the workbook file; PREVIEW_DEMO=district shows
 * the demo district (three demo schools rolled up) instead of the demo school.
 */
import type { AddressInfo } from 'node:net';
import { join, relative, resolve as resolvePath } from 'node:path';
import { buildPageAssets } from './assets';
import { AddonHost } from './host';
import { createPreviewServer } from './http';

const ROOT = join(__dirname, '..');

export interface StartOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /** The demo district instead of the demo school (PREVIEW_DEMO=district). */
  district?: boolean;
  bundleDir?: string;
  log?: (line: string) => void;
  saveDelayMs?: number;
}

export interface RunningPreview {
  url: string;
  /** The address the server listens on (127.0.0.1 unless HOST says otherwise). */
  address: AddressInfo;
  host: AddonHost;
  /** Stops answering, then waits for the last save to reach the file. */
  stop(): Promise<void>;
}

export async function startPreview(options: StartOptions = {}): Promise<RunningPreview> {
  const log = options.log ?? (() => {});
  const hostName = options.host ?? '127.0.0.1';
  const host = await AddonHost.open({
    bundleDir: options.bundleDir ?? join(ROOT, 'dist'),
    dataDir: options.dataDir ?? join(ROOT, '.local'),
    log,
    saveDelayMs: options.saveDelayMs,
    district: options.district,
  });
  const assets = await buildPageAssets();
  const server = createPreviewServer({ host, assets, hostNames: [hostName] });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, hostName, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const { port } = address;
  const shown = hostName.includes(':') ? `[${hostName}]` : hostName;
  return {
    url: `http://${shown}:${port}/`,
    address,
    host,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.saved();
    },
  };
}

function portFromEnv(): number {
  const text = process.env.PORT ?? '8080';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    console.error(`PORT must be a port number (0 to 65535), not "${text}".`);
    process.exit(1);
  }
  return port;
}

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = process.env.PREVIEW_DATA_DIR ? resolvePath(process.env.PREVIEW_DATA_DIR) : undefined;
  let preview: RunningPreview;
  try {
    const district = process.env.PREVIEW_DEMO === 'district';
    preview = await startPreview({
      port: portFromEnv(),
      host: process.env.HOST,
      dataDir,
      district,
      log: console.log,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      console.error('That port is taken: start with another, e.g. PORT=8081 npm start.');
    else console.error((error as Error).message);
    process.exit(1);
  }
  const file = relative(process.cwd(), preview.host.file);
  console.log(`Workbook: ${file.startsWith('..') ? preview.host.file : file}`);
  console.log(
    `Relationship Calls preview: ${preview.url}  (ready in ${Math.round(performance.now() - started)} ms)`,
  );
  console.log('Ctrl+C to stop.');
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('Stopping: saving the workbook...');
    preview.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
