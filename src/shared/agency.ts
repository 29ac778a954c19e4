/** The agency level schema; the levels themselves, their names and deadlines are in agency-levels.ts. */
import * as z from 'zod';
import { AGENCY_LEVELS, AGENCY_LEVEL_NAMES } from './agency-levels';

export { AGENCY_LEVELS, AGENCY_LEVEL_NAMES, deadlineOf, isGovernment } from './agency-levels';

export const AgencyLevel = z.enum(AGENCY_LEVELS);
export type AgencyLevel = z.infer<typeof AgencyLevel>;

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
