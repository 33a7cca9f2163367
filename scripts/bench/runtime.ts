/** What the emulator itself costs: a fresh execution of the real bundle, and concurrent executions. */
import { join } from 'node:path';
import { Emulator } from '../../emulator';
import { root } from '../build';
import { benchCase } from './case';

const dist = join(root, 'dist');

export const runtimeCases = [
  benchCase({
    name: 'emulator: onOpen of dist/Code.js (fresh context, menu)',
    size: 'dist/Code.js',
    runs: 25,
    setup: () => new Emulator({ bundleDir: dist, scriptName: 'Relationship Calls' }),
    measure: (emu) => emu.runTrigger('onOpen', { authMode: 'NONE' }),
  }),
  benchCase({
    name: 'emulator: showSidebar of dist/Code.js (template evaluate)',
    size: 'dist/Sidebar.html',
    runs: 25,
    setup: () => new Emulator({ bundleDir: dist, scriptName: 'Relationship Calls' }),
    measure: (emu) => emu.run('showSidebar', [], { user: 'teacher@bench.example' }),
  }),
  benchCase({
    name: 'emulator: concurrent executions taking the script lock',
    size: '6 workers',
    runs: 5,
    setup: () =>
      new Emulator({
        code: `function append(label) {
          var lock = LockService.getScriptLock();
          lock.waitLock(10000);
          var p = PropertiesService.getScriptProperties();
          p.setProperty('rows', (p.getProperty('rows') || '') + label + ';');
          lock.releaseLock();
        }`,
      }),
    measure: (emu) =>
      emu.runConcurrently(Array.from({ length: 6 }, (_, i) => ({ fn: 'append', args: [`r${i}`] }))),
  }),
];
