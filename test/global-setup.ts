// Every test run starts from a fresh dist/, so bundle and browser tests never see a stale build.
import { build } from '../scripts/build';

export default async function globalSetup(): Promise<void> {
  await build();
}
