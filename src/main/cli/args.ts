/** Command-line parsing with Chinese messages for every mistake. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../shared/errors';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parse(args: string[], options: Options, usage: string): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const option = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `未知的参数“${option}”`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `参数“${option.split(' ')[0]}”需要一个值`
          : `参数有误（${(e as Error).message}）`;
    throw new AppError('invalid_input', `${what}。\n用法：${usage}`);
  }
}

export function requireString(p: Parsed, name: string, what: string, usage: string): string {
  const v = p.values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new AppError('invalid_input', `缺少参数 --${name}（${what}）。\n用法：${usage}`);
  return v;
}

export function requirePositional(p: Parsed, index: number, what: string, usage: string): string {
  const v = p.positionals[index];
  if (!v) throw new AppError('invalid_input', `缺少${what}。\n用法：${usage}`);
  return v;
}

export function noExtraPositionals(p: Parsed, count: number, usage: string): void {
  if (p.positionals.length > count) throw new AppError('invalid_input', `多余的参数“${p.positionals[count]}”。\n用法：${usage}`);
}
