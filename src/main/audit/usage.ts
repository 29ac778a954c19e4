/** Usage of `gov-report audit`, apart from the command so that --help loads no importer. */
export const AUDIT_USAGE = 'gov-report audit <文件夹> --xlsx <结果.xlsx> [--html <结果.html>] [--json]';
export const AUDIT_HELP = `${AUDIT_USAGE}
      批量检查文件夹中的每一份报告（.json、.pdf、.docx、.html、.mht、.txt、.md、.xlsx），同一机关的上年报告在文件夹中时一并核对；
      结果写入工作簿（每份报告一行、全部问题、问题统计）和一页网页摘要（最常见问题的图表）。无法读取的文件在结果中说明原因。`;
