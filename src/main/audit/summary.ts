/**
 * A one-page HTML summary of an audit: the counts, a bar chart (inline SVG, no script, no external
 * resource) of the most frequent problems, and the reports with errors or that could not be read.
 */
import { escapeHtml } from '../export/html/escape';
import type { AuditRow } from './audit';
import { problemCounts, severityCount } from './workbook';

const TOP = 10;
const BAR_WIDTH = 420;
const ROW_HEIGHT = 26;
const LABEL_WIDTH = 210;

function chart(rows: readonly AuditRow[]): string {
  const counts = problemCounts(rows).slice(0, TOP);
  if (counts.length === 0) return '<p>没有发现错误或提醒。</p>';
  const max = Math.max(...counts.map((c) => c.reports));
  const height = counts.length * ROW_HEIGHT + 10;
  const bars = counts
    .map((c, i) => {
      const y = 5 + i * ROW_HEIGHT;
      const w = Math.max(2, Math.round((c.reports / max) * BAR_WIDTH));
      const colour = c.errors > 0 ? '#c62828' : '#ef6c00';
      return (
        `<text x="${LABEL_WIDTH - 8}" y="${y + 16}" text-anchor="end" font-size="13">${escapeHtml(c.name)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${w}" height="${ROW_HEIGHT - 8}" fill="${colour}"><title>${escapeHtml(`${c.name}：${c.reports} 份报告，${c.findings} 处`)}</title></rect>` +
        `<text x="${LABEL_WIDTH + w + 6}" y="${y + 16}" font-size="13">${c.reports} 份</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="最常见的问题（涉及报告数）" width="${LABEL_WIDTH + BAR_WIDTH + 60}" height="${height}" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 60} ${height}" font-family="sans-serif">${bars}</svg>`;
}

export function auditSummaryHtml(rows: readonly AuditRow[], title = '政府信息公开工作年度报告批量检查结果'): string {
  const read = rows.filter((r) => r.ok);
  const unreadable = rows.filter((r) => !r.ok);
  const withErrors = read.filter((r) => severityCount(r, 'error') > 0);
  const withWarnings = read.filter((r) => severityCount(r, 'error') === 0 && severityCount(r, 'warning') > 0);
  const clean = read.length - withErrors.length - withWarnings.length;
  const list = (items: readonly AuditRow[], what: (r: AuditRow) => string) =>
    items.length === 0 ? '<p>无。</p>' : `<ul>${items.slice(0, 40).map((r) => `<li>${escapeHtml(what(r))}</li>`).join('')}${items.length > 40 ? `<li>……另有 ${items.length - 40} 份，见工作簿</li>` : ''}</ul>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: sans-serif; max-width: 760px; margin: 24px auto; padding: 0 12px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 24px; }
table.counts td { padding: 4px 12px; border: 1px solid #ccc; } li { margin: 2px 0; }
@page { size: A4; margin: 15mm; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<table class="counts"><tr><td>文件</td><td>${rows.length} 份</td></tr><tr><td>已读取</td><td>${read.length} 份</td></tr><tr><td>有错误</td><td>${withErrors.length} 份</td></tr><tr><td>只有提醒</td><td>${withWarnings.length} 份</td></tr><tr><td>没有问题</td><td>${clean} 份</td></tr><tr><td>无法读取</td><td>${unreadable.length} 份</td></tr></table>
<h2>最常见的问题（涉及报告数）</h2>
${chart(rows)}
<h2>有错误的报告</h2>
${list(withErrors, (r) => `${r.agency}（${r.year} 年度，${r.file}）：${severityCount(r, 'error')} 处错误`)}
<h2>无法读取的文件</h2>
${list(unreadable, (r) => `${r.file}：${r.reason ?? ''}`)}
</body>
</html>
`;
}
