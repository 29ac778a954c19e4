/** A check finding (checks.md): the public shape of `check --json`, the editor's outlines and the check panel. */
import { z } from 'zod';

export const Severity = z.enum(['error', 'warning', 'info']);
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

export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = { error: '错误', warning: '提醒', info: '信息' };
