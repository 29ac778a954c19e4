/** Agency levels of the exchange file (exchange-format.md) with their names in the UI. */
import { z } from 'zod';

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

export const AgencyLevel = z.enum(AGENCY_LEVELS);
export type AgencyLevel = z.infer<typeof AgencyLevel>;

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

/** Short names people type (县级, 乡镇 …) besides the codes and the names above. */
const LEVEL_ALIASES: Readonly<Record<string, AgencyLevel>> = {
  省: 'province',
  省级: 'province',
  省政府: 'province',
  省级部门: 'province-department',
  省直部门: 'province-department',
  市: 'city',
  市级: 'city',
  市政府: 'city',
  市级部门: 'city-department',
  市直部门: 'city-department',
  县: 'county',
  县级: 'county',
  区县: 'county',
  县政府: 'county',
  县级部门: 'county-department',
  县直部门: 'county-department',
  乡镇: 'township',
  街道: 'township',
  乡镇街道: 'township',
};

/**
 * A level given as its code (county-department), its name (县级政府部门) or a short name (县级部门, 乡镇);
 * undefined when it is none of them.
 */
export function parseAgencyLevel(text: string): AgencyLevel | undefined {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  const code = AgencyLevel.safeParse(t.toLowerCase());
  if (code.success) return code.data;
  const bare = t.replace(/[()（）]/g, '');
  for (const level of AGENCY_LEVELS) if (AGENCY_LEVEL_NAMES[level].replace(/[()（）]/g, '') === bare) return level;
  return LEVEL_ALIASES[bare];
}

/** The levels as a user may type them, for messages: 县级政府部门（county-department）… */
export const AGENCY_LEVEL_CHOICES = AGENCY_LEVELS.map((l) => `${AGENCY_LEVEL_NAMES[l]}（${l}）`).join('、');

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
