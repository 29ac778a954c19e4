/** One line of usage per command, shown by --help and with every argument mistake. */
export const USAGE = {
  check: 'gov-report check <报告文件> [--previous <上年报告文件>] [--json]',
  export: 'gov-report export <report.json> --docx <输出.docx> [--html <输出.html>] [--xlsx <统计表.xlsx>] [--force]',
  new: 'gov-report new --year <年度> --agency <机关名称> --level <机关级别>',
  import: 'gov-report import <文件.docx|.html|.txt|.xlsx|.json> [--json]',
};

export const DB_USAGE = [
  'gov-report db list [--trash] [--json] [--db <数据库文件>]',
  'gov-report db import <交换文件或报告文件…> [--replace] [--db <数据库文件>]',
  'gov-report db export <报告编号> [--out <输出.json>] [--db <数据库文件>]',
  'gov-report db backup [--list] [--db <数据库文件>]',
  'gov-report db restore <备份名称> [--db <数据库文件>]',
];
