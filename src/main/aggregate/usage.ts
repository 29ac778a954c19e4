/** Help text of `gov-report aggregate`, apart from the command so that --help loads no importer. */
export const AGGREGATE_USAGE =
  'gov-report aggregate <文件夹|文件…> [--year 2025] [--include-errors] [--include 文件名…] [--out 汇总.json --agency "某某县人民政府" --level county] [--xlsx 汇总.xlsx] [--json]';

export const AGGREGATE_HELP = `${AGGREGATE_USAGE}
      汇总下属单位的报告（.json 交换文件、.docx、.html、.txt、.xlsx；文件夹中的这些文件全部读取）：逐个检查后
      把各单元格相加。同一单位同一年度的多个文件只取最后一个（列出被替换的文件）。以下单位默认不计入并说明原因：
      表格未完整读取、有错误、年度或格式与汇总不同、与另一单位表格数字完全相同。--include-errors 计入有错误的单位，
      --include <文件名>（可重复）计入指定的单位。
      --out 把汇总结果写成交换文件（--agency、--level 为汇总机关）；--json 以 JSON 输出单位列表和合计；
      --xlsx 写出汇总工作簿：汇总表（每个数都是各单位工作表同一单元格之和的公式）、各单位状态、单元格来源、每单位一个工作表。`;
