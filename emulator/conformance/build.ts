// `npm run build:conformance`: the conformance kit as an Apps Script project in dist-conformance/,
// to push to a scratch spreadsheet's script with clasp (emulator/conformance/README.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceBundle } from './emulate';

const OUT = join(__dirname, '..', '..', 'dist-conformance');
const MANIFEST = {
  timeZone: 'America/New_York',
  runtimeVersion: 'V8',
  exceptionLogging: 'STACKDRIVER',
  oauthScopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'],
};

conformanceBundle()
  .then((code) => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'Code.js'), code);
    writeFileSync(join(OUT, 'appsscript.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
    console.log(`Built ${join('dist-conformance', 'Code.js')} (${code.length} B) and appsscript.json`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
