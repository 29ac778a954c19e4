/** The agency level schema; the levels themselves, their names and deadlines are in agency-levels.ts. */
import * as z from 'zod';
import { AGENCY_LEVELS } from './agency-levels';

export { AGENCY_LEVELS, AGENCY_LEVEL_NAMES, deadlineOf, isGovernment } from './agency-levels';

export const AgencyLevel = z.enum(AGENCY_LEVELS);
export type AgencyLevel = z.infer<typeof AgencyLevel>;
