/** gov-report new: a blank exchange file on stdout. */
import { AGENCY_LEVEL_CHOICES, parseAgencyLevel } from '../../shared/agency';
import { AppError, invalidInput } from '../../shared/errors';
import { AgencyRef, blankReport, toExchange, Year } from '../../shared/report';
import { noExtraPositionals, parse, requireString } from './args';
import type { Io } from './io';
import { USAGE } from './usage';

export async function newCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { year: { type: 'string' }, agency: { type: 'string' }, level: { type: 'string' } }, USAGE.new);
  noExtraPositionals(p, 0, USAGE.new);
  const yearText = requireString(p, 'year', '年度，例如 2025', USAGE.new);
  const name = requireString(p, 'agency', '机关名称', USAGE.new);
  const levelText = requireString(p, 'level', `机关级别：${AGENCY_LEVEL_CHOICES}`, USAGE.new);
  const year = Year.safeParse(/^\s*-?\d+\s*$/.test(yearText) ? Number(yearText) : yearText);
  if (!year.success) throw invalidInput(year.error, '参数 --year ');
  const level = parseAgencyLevel(levelText);
  if (!level) throw new AppError('invalid_input', `参数 --level 有误：“${levelText}”不是可用的机关级别，应为 ${AGENCY_LEVEL_CHOICES} 之一（也可写 县级、县级部门、乡镇 等）。`);
  const agency = AgencyRef.safeParse({ name, level });
  if (!agency.success) throw invalidInput(agency.error, '参数 --agency ');
  io.out(JSON.stringify(toExchange(blankReport(year.data, agency.data)), null, 2) + '\n');
  return 0;
}
