/** Every benchmark case `npm run bench` runs, in order. Add a file's cases here. */
import type { BenchCase } from './case';
import { districtCases } from './district';
import { phoneCases } from './phone';
import { previewCases } from './preview';
import { runtimeCases } from './runtime';
import { saveCostCases } from './save-costs';
import { schoolCases } from './school';
import { klmCases, sidebarCases } from './sidebar';
import { staffMeetingCases } from './staff-meeting';
import { summaryCases } from './summary';

export const cases: BenchCase<unknown>[] = [
  ...runtimeCases,
  ...schoolCases,
  ...summaryCases,
  ...sidebarCases,
  ...klmCases,
  ...saveCostCases,
  ...staffMeetingCases,
  ...previewCases,
  ...districtCases,
  ...phoneCases,
];
