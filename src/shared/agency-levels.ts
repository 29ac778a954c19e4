/**
 * Agency levels of the exchange file (exchange-format.md), their names in the UI and their deadlines —
 * without zod, so that the renderer's first screen shows them without loading the validation library
 * (the schema `AgencyLevel` is built from these in agency.ts).
 */
export const AGENCY_LEVELS = [
  'province',
  'province-department',
  'city',
  'city-department',
  'county',
  'county-department',
  'township',
  'other',
] as const;

export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

export const AGENCY_LEVEL_NAMES: Readonly<Record<AgencyLevel, string>> = {
  province: '省级人民政府',
  'province-department': '省级政府部门',
  city: '市级人民政府',
  'city-department': '市级政府部门',
  county: '县级人民政府',
  'county-department': '县级政府部门',
  township: '乡镇（街道）',
  other: '其他',
};

/** Governments publish their own (aggregate) report by 31 March, departments by 31 January. */
export function isGovernment(level: AgencyLevel): boolean {
  return level === 'province' || level === 'city' || level === 'county' || level === 'township';
}

/** Publication deadline of the report on `year` as [year+1, month, day]. */
export function deadlineOf(level: AgencyLevel, year: number): { year: number; month: number; day: number } {
  return isGovernment(level) && level !== 'township'
    ? { year: year + 1, month: 3, day: 31 }
    : { year: year + 1, month: 1, day: 31 };
}
