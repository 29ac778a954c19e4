/**
 * import.tableUnread: a table of an imported report that could not be read is one finding naming what was
 * not read and why — not a `cell.missing` per cell. A cell filled in since the import counts as read.
 */
import { TABLE_NAMES } from '../format/index';
import type { CheckContext } from './context';
import { RULES } from './types';

export function unreadChecks(ctx: CheckContext): void {
  for (const u of ctx.doc.unread ?? []) {
    const cells = u.cells.filter((id) => ctx.unread.has(id));
    if (!cells.length) continue;
    ctx.push({
      rule: 'import.tableUnread',
      severity: RULES['import.tableUnread'],
      cells,
      message: `未能读取${TABLE_NAMES[u.table]}：${u.reason}（${cells.length} 个单元格未读取，请对照原文填写）`,
    });
  }
}
