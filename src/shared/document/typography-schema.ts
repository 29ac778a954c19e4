/**
 * The export settings as zod schemas (settings.getExport / settings.setExport, the stored blob), built on
 * the rules of typography.ts so a font name is judged by one function everywhere.
 */
import * as z from 'zod';
import '../zod-setup';
import { SIZE_RANGE_PT, TEXT_ROLE_NAMES, fontNameProblem, sizeLabel, type TextRole } from './typography';

const fontName = (role: TextRole) =>
  z
    .string({ error: `${TEXT_ROLE_NAMES[role]}字体应为字体名称` })
    .trim()
    .superRefine((name, ctx) => {
      const problem = fontNameProblem(role, name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const sizePt = (role: TextRole) => {
  const [min, max] = SIZE_RANGE_PT[role];
  const range = `${TEXT_ROLE_NAMES[role]}字号应在 ${sizeLabel(min)} 到 ${sizeLabel(max)} 之间`;
  return z
    .number({ error: `${TEXT_ROLE_NAMES[role]}字号应为数字（磅）` })
    .min(min, range)
    .max(max, range)
    .multipleOf(0.5, `${TEXT_ROLE_NAMES[role]}字号应为 0.5 磅的整数倍`);
};

const perRole = <T extends z.ZodType>(of: (role: TextRole) => T) =>
  z.strictObject({
    title: of('title'),
    body: of('body'),
    heading1: of('heading1'),
    heading2: of('heading2'),
    heading3: of('heading3'),
    table: of('table'),
    pageNumber: of('pageNumber'),
  });

/** The export settings with every role filled (what settings.getExport returns). */
export const ExportSettings = z.strictObject({ fonts: perRole(fontName), sizes: perRole(sizePt) });
export type ExportSettings = z.infer<typeof ExportSettings>;

/** The settings a user saves: any role left out takes the default of typography.md. */
export const TypographySettings = z.strictObject({
  fonts: perRole(fontName).partial().optional(),
  sizes: perRole(sizePt).partial().optional(),
});
export type TypographySettings = z.infer<typeof TypographySettings>;
