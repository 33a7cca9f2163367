/**
 * DESIGN.md's arrows: src/ (what is pushed to Apps Script) and emulator/ (which runs any bundle)
 * import nothing from the outer folders: the seeded school generator (scripts/fixtures/), the preview, the
 * scripts or the tests. A module that did would pull invented data or Node-only code into the add-on
 * or tie the emulator to this add-on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');
const OUTER = ['preview', 'scripts', 'test'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tsFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every relative module a file imports (static, dynamic or type-only), as a path from the repo root. */
function importsOf(file: string, source = readFileSync(file, 'utf8')): string[] {
  // Comments may mention a module (`typeof import('../server/index')` in prose): only code counts.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  const specifiers = [...code.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1] ?? '');
  return specifiers.map((s) => relative(root, resolve(file, '..', s)));
}

test.each(['src', 'emulator'])(
  'nothing in %s/ imports preview/, scripts/ (with its fixtures) or test/',
  (inner) => {
    const files = tsFiles(join(root, inner));
    expect(files.length).toBeGreaterThan(10);
    const crossing = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => OUTER.some((outer) => target === outer || target.startsWith(`${outer}/`)))
        .map((target) => `${relative(root, file)} -> ${target}`),
    );
    expect(crossing).toEqual([]);
  },
);

test('the check sees an import that crosses, static, dynamic or type-only', () => {
  const probe = join(root, 'src', 'server', 'probe.ts');
  const source = [
    "import { messySchool } from '../../scripts/fixtures/messy-school';",
    "import type { DemoRow } from '../../scripts/fixtures/demo-school';",
    "const preview = import('../../preview/demo');",
  ].join('\n');
  expect(importsOf(probe, source)).toEqual([
    'scripts/fixtures/messy-school',
    'scripts/fixtures/demo-school',
    'preview/demo',
  ]);
});

// Inside src/ the arrows point inward: server and client use common and core, core uses common, and
// common (shared by the sidebar and the server) uses nothing but itself; nothing in src/ uses emulator/.
const INWARD: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['src/common', ['src/common']],
  ['src/core', ['src/common', 'src/core']],
  ['src/server', ['src/common', 'src/core', 'src/server']],
  ['src/client', ['src/common', 'src/core', 'src/client']],
];

test.each(INWARD)('%s/ imports only from %j', (layer, allowed) => {
  const files = tsFiles(join(root, layer));
  expect(files.length).toBeGreaterThan(0);
  const outward = files.flatMap((file) =>
    importsOf(file)
      .filter((target) => !allowed.some((inner) => target.startsWith(`${inner}/`)))
      .map((target) => `${relative(root, file)} -> ${target}`),
  );
  expect(outward).toEqual([]);
});
