/**
 * `gov-report aggregate`: 汇总 of units' report files on disk, for the CLI to wire in its command switch.
 * Prints the table of units (status, errors, warnings, summed or not) and, with --out, writes the sums as
 * an exchange file; --json prints everything as one object.
 */
import { writeFileSync } from 'node:fs';
import { AGGREGATE_UNIT_STATUS_NAMES } from '../../shared/api';
import { AgencyLevel } from '../../shared/agency';
import { AppError } from '../../shared/errors';
import { formatShortName } from '../../shared/format/index';
import { toExchange, Year, type ReportDoc } from '../../shared/report';
import { parse } from '../cli/args';
import type { Io } from '../cli/io';
import { table } from '../cli/text';
import { aggregateFiles } from './files';
import { AGGREGATE_USAGE } from './usage';

export { AGGREGATE_HELP, AGGREGATE_USAGE } from './usage';

/** Exit code: 0 every unit summed; 1 some unit unreadable or left out (the reason is printed); 2 wrong arguments. */
export async function aggregateCommand(args: string[], io: Io): Promise<number> {
  const p = parse(
    args,
    {
      year: { type: 'string' },
      'include-errors': { type: 'boolean' },
      include: { type: 'string', multiple: true },
      out: { type: 'string' },
      xlsx: { type: 'string' },
      agency: { type: 'string' },
      level: { type: 'string' },
      json: { type: 'boolean' },
    },
    AGGREGATE_USAGE,
  );
  if (p.positionals.length === 0) throw new AppError('invalid_input', `缺少要汇总的文件或文件夹。\n用法：${AGGREGATE_USAGE}`);
  let year: number | undefined;
  if (typeof p.values.year === 'string') {
    const y = Year.safeParse(Number(p.values.year));
    if (!y.success) throw new AppError('invalid_input', `--year：${y.error.issues[0]!.message}`);
    year = y.data;
  }
  const level = AgencyLevel.safeParse(p.values.level ?? 'county');
  if (!level.success) throw new AppError('invalid_input', `--level：机关级别“${String(p.values.level)}”无效。\n用法：${AGGREGATE_USAGE}`);

  let result;
  try {
    const include = (p.values.include as unknown as string[] | undefined) ?? [];
    result = await aggregateFiles(p.positionals, { year, includeErrors: p.values['include-errors'] === true, include });
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new AppError('invalid_input', `找不到文件或文件夹：${(e as { path?: string }).path ?? ''}`);
    throw e;
  }
  if (result.units.length === 0) throw new AppError('invalid_input', '没有找到可汇总的报告文件（.json、.docx、.html、.txt）。');

  const doc: ReportDoc = {
    format: result.format,
    year: result.year,
    agency: { name: typeof p.values.agency === 'string' && p.values.agency.trim() ? p.values.agency.trim() : '汇总', level: level.data },
    narrative: {},
    cells: result.sum.cells,
    acknowledged: [],
  };
  if (typeof p.values.out === 'string') writeFileSync(p.values.out, JSON.stringify(toExchange(doc), null, 2) + '\n');
  if (typeof p.values.xlsx === 'string')
    writeFileSync(p.values.xlsx, await (await import('../export/xlsx/aggregateWorkbook')).aggregateWorkbook(result, doc.agency.name));

  if (p.values.json) {
    io.out(JSON.stringify({ year: result.year, format: result.format, summed: result.sum.units, units: result.units.map(({ cells: _cells, ...u }) => u), exchange: toExchange(doc) }, null, 2) + '\n');
  } else {
    const rows = result.units.map((u) => [
      u.file,
      u.name ?? '—',
      u.year ? String(u.year) : '—',
      u.format ? formatShortName(u.format) : '—',
      u.status === 'unreadable' ? '无法读取' : AGGREGATE_UNIT_STATUS_NAMES[u.status],
      String(u.errors),
      String(u.warnings),
      u.included ? (u.includedByChoice ? '是（按指定计入）' : '是') : '否',
    ]);
    io.out(table(['文件', '单位', '年度', '格式', '状态', '错误', '提醒', '计入汇总'], rows));
    for (const u of result.units) if (u.message) io.err(`${u.file}：${u.message}\n`);
    const notes = result.units.filter((u) => u.reason !== null && u.status !== 'unreadable');
    if (notes.length) io.out(`\n${notes.map((u) => `${u.file}：${u.included ? '按指定计入；默认不计入，因为' : '未计入：'}${u.reason}`).join('\n')}\n`);
    io.out(`\n${result.year} 年度汇总（${result.format}）：共 ${result.units.length} 个文件，计入 ${result.sum.units} 个单位。\n`);
    if (typeof p.values.out === 'string') io.out(`汇总结果已写入 ${p.values.out}\n`);
    if (typeof p.values.xlsx === 'string') io.out(`汇总工作簿已写入 ${p.values.xlsx}\n`);
  }
  return result.units.some((u) => !u.included && !u.replacedBy) ? 1 : 0;
}
