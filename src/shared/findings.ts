/** A check finding (checks.md): the public shape of `check --json`, the editor's outlines and the check panel. */
import * as z from 'zod';
import { SEVERITIES } from './names';

export { SEVERITY_NAMES } from './names';
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  rule: z.string(),
  severity: Severity,
  /** Cells the user must look at; the editor outlines them and jumps to the first. */
  cells: z.array(z.string()),
  message: z.string(),
  expected: z.number().optional(),
  actual: z.number().optional(),
  /** Narrative part a text finding is about. */
  section: z.string().optional(),
  /** Where in that part's text: the quoted words with the number (offsets into the text as stored). */
  span: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).optional(),
  /** Set when a person has reviewed a warning and accepted it. */
  acknowledged: z.object({ reason: z.string() }).optional(),
});
export type Finding = z.infer<typeof Finding>;
