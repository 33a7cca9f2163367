// `npm run conformance`: the conformance probes in the emulator, one JSON line per probe.
import { emulateProbes } from './emulate';

emulateProbes()
  .then((results) => {
    for (const result of results) console.log(JSON.stringify(result));
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
