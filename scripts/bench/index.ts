/** Every benchmark case `npm run bench` runs, in order. Add a file's cases here. */
import type { BenchCase } from './case';
import { districtCases } from './district';
import { phoneCases } from './phone';
import { previewCases } from './preview';
import { runtimeCases } from './runtime';
import { schoolCases } from './school';
import { klmCases, sidebarCases } from './sidebar';
import { summaryCases } from './summary';

export const cases: BenchCase<unknown>[] = [
  ...runtimeCases,
  ...schoolCases,
  ...summaryCases,
  ...sidebarCases,
  ...klmCases,
  ...previewCases,
  ...districtCases,
  ...phoneCases,
];
