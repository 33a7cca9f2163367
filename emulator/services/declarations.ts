/**
 * What Apps Script's classes have, read from @types/google-apps-script (the declarations the add-on
 * compiles against), so the emulator can tell a member Apps Script lacks (undefined, as in Apps
 * Script) from one it has and the emulator does not (`Not emulated: Range.merge`), and build every
 * enum (SpreadsheetApp.Dimension...) with none missing.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EnumValue } from './host-object';

export interface Declarations {
  /** Interface name -> its members (methods and properties), inherited ones included. */
  members(name: string): ReadonlySet<string> | undefined;
  /** Enum name -> its values, in declaration order (their ordinals). */
  enums: ReadonlyMap<string, readonly string[]>;
}

const INTERFACE = /^ {8}interface (\w+)(?:\s+extends\s+([\w.,\s]+))?\s*\{/;
const ENUM = /^ {8}enum (\w+)\s*\{/;
const MEMBER = /^ {12}(?:\/\*\*.*?\*\/\s*)?(\w+)\??\s*[(:<]/;
const ENUM_VALUE = /^ {12}(\w+)\s*(?:=[^,]*)?,?\s*$/;

/** Parses one declaration file of the package (e.g. 'spreadsheet'): its namespace's interfaces and enums. */
export function parseDeclarations(source: string): Declarations {
  const own = new Map<string, Set<string>>();
  const parents = new Map<string, string[]>();
  const enums = new Map<string, string[]>();
  let current: Set<string> | string[] | null = null;
  for (const line of source.split('\n')) {
    const iface = INTERFACE.exec(line);
    const en = ENUM.exec(line);
    if (iface) {
      current = new Set();
      own.set(iface[1] as string, current);
      const ext = (iface[2] ?? '').split(',').map((s) => s.trim().split('.').pop() ?? '');
      parents.set(iface[1] as string, ext.filter(Boolean));
    } else if (en) {
      current = [];
      enums.set(en[1] as string, current);
    } else if (/^ {8}\}/.test(line)) {
      current = null;
    } else if (current instanceof Set) {
      const m = MEMBER.exec(line);
      if (m) current.add(m[1] as string);
    } else if (Array.isArray(current)) {
      const m = ENUM_VALUE.exec(line);
      if (m) current.push(m[1] as string);
    }
  }
  const resolved = new Map<string, Set<string>>();
  const members = (name: string): Set<string> | undefined => {
    const done = resolved.get(name);
    if (done) return done;
    const mine = own.get(name);
    if (!mine) return undefined;
    const all = new Set(mine);
    resolved.set(name, all);
    for (const p of parents.get(name) ?? []) for (const m of members(p) ?? []) all.add(m);
    return all;
  };
  return { members, enums };
}

const cache = new Map<string, Declarations>();

/** The declarations of `google-apps-script.<file>.d.ts`, read once per process. */
export function declarations(file: string): Declarations {
  let found = cache.get(file);
  if (!found) {
    const dir = dirname(require.resolve('@types/google-apps-script/package.json'));
    found = parseDeclarations(readFileSync(join(dir, `google-apps-script.${file}.d.ts`), 'utf8'));
    cache.set(file, found);
  }
  return found;
}

/** Every member name Apps Script's class `className` has, across the files given. */
export function apiMembers(
  className: string,
  files: readonly string[] = ['spreadsheet'],
): ReadonlySet<string> {
  for (const file of files) {
    const m = declarations(file).members(className);
    if (m) return m;
  }
  return new Set();
}

/** An enum of the declarations as EnumValues shared by every execution (so `===` holds across calls). */
const enumCache = new Map<string, Readonly<Record<string, EnumValue>>>();
export function declaredEnum(file: string, name: string): Readonly<Record<string, EnumValue>> {
  const key = `${file}.${name}`;
  let out = enumCache.get(key);
  if (!out) {
    const values = declarations(file).enums.get(name);
    if (!values) throw new Error(`@types/google-apps-script declares no enum ${name} in ${file}.`);
    const record: Record<string, EnumValue> = {};
    values.forEach((v, i) => {
      record[v] = new EnumValue(v, i);
    });
    out = Object.freeze(record);
    enumCache.set(key, out);
  }
  return out;
}

/** The declaration files the emulated services' classes are found in. */
const SERVICE_FILES = [
  'base',
  'cache',
  'lock',
  'properties',
  'utilities',
  'html',
  'script',
  'spreadsheet',
  'charts',
];

/** The members of Apps Script's class `className` in whichever service file declares it; null when none does. */
export function serviceMembers(className: string): ReadonlySet<string> | null {
  for (const file of SERVICE_FILES) {
    const m = declarations(file).members(className);
    if (m) return m;
  }
  return null;
}
