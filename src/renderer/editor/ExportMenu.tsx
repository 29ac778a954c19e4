/**
 * The editor's "▾" menu beside 导出 Word: the other formats and the export settings. A chunk of its own,
 * loaded when the menu is first opened (or with the prefetch after the first screen): MUI's menu brings
 * its popover and modal, which the editor's first frame does not need.
 */
import Divider from '@mui/material/Divider';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import type { ExportKind } from '../../shared/api';

/** Formats besides Word: the website's page or a fragment for its CMS editor, the tables as a workbook, and the exchange file. */
const OTHER_EXPORTS: readonly [ExportKind, string][] = [
  ['html', '导出网页（HTML）'],
  ['html-fragment', '导出网页片段（粘贴到网站后台编辑器）'],
  ['xlsx', '导出统计表为 Excel/WPS 表格（.xlsx，含检查结果）'],
  ['exchange', '导出为交换文件（.json）'],
];

export interface ExportMenuProps {
  /** The button the menu opens from; null when closed. */
  anchor: HTMLElement | null;
  onClose(): void;
  onExport(kind: ExportKind): void;
  onSettings(): void;
}

export function ExportMenu({ anchor, onClose, onExport, onSettings }: ExportMenuProps) {
  return (
    <Menu anchorEl={anchor} open={!!anchor} onClose={onClose}>
      {OTHER_EXPORTS.map(([kind, label]) => (
        <MenuItem
          key={kind}
          onClick={() => {
            onClose();
            onExport(kind);
          }}
        >
          {label}
        </MenuItem>
      ))}
      <Divider />
      <MenuItem
        onClick={() => {
          onClose();
          onSettings();
        }}
      >
        导出设置（字体、字号）…
      </MenuItem>
    </Menu>
  );
}
