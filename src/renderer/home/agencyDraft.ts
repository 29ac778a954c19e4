/** An agency being entered (welcome screen, 添加机关), before it is created. */
import type { AgencyLevel } from '../../shared/agency-levels';

export interface AgencyDraft {
  name: string;
  level: AgencyLevel;
}

export const EMPTY_AGENCY: AgencyDraft = { name: '', level: 'county-department' };
