/**
 * The Chinese application menu as data. Items that need the page are sent to the renderer as a
 * MenuCommand; editing, zoom and full screen use Electron's built-in roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/bridge';

export interface MenuOptions {
  /** Development build: adds 重新加载 and 开发者工具. Never in a packaged app. */
  isDev: boolean;
  platform: NodeJS.Platform;
  productName: string;
}

type CommandItem = MenuItemConstructorOptions & { id: MenuCommand };

function command(id: MenuCommand, label: string, onCommand: (c: MenuCommand) => void, accelerator?: string): CommandItem {
  return { id, label, ...(accelerator ? { accelerator } : {}), click: () => onCommand(id) };
}

export function menuTemplate(options: MenuOptions, onCommand: (c: MenuCommand) => void): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件(&F)',
      submenu: [
        command('new', '新建年度报告…', onCommand, 'CmdOrCtrl+N'),
        command('open', '打开报告…', onCommand, 'CmdOrCtrl+O'),
        command('import', '导入文件…', onCommand, 'CmdOrCtrl+I'),
        command('export', '导出 Word…', onCommand, 'CmdOrCtrl+E'),
        sep,
        command('settings', '设置…', onCommand, 'CmdOrCtrl+,'),
        sep,
        { role: 'quit', label: '退出', accelerator: mac ? 'Cmd+Q' : 'Ctrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销', accelerator: 'CmdOrCtrl+Z' },
        // Ctrl+Y as in WPS and Word; Electron's Linux default would be Ctrl+Shift+Z.
        { role: 'redo', label: '重做', accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Y' },
        sep,
        { role: 'cut', label: '剪切', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', label: '复制', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', label: '粘贴', accelerator: 'CmdOrCtrl+V' },
        sep,
        { role: 'selectAll', label: '全选', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        ...(options.isDev
          ? ([
              { role: 'reload', label: '重新加载' },
              { role: 'toggleDevTools', label: '开发者工具' },
              sep,
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: '实际大小', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', label: '放大', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', label: '缩小', accelerator: 'CmdOrCtrl+-' },
        sep,
        { role: 'togglefullscreen', label: '全屏', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        command('about', `关于“${options.productName}”`, onCommand),
        command('dataFolder', '打开数据文件夹', onCommand),
        command('backup', '立即备份', onCommand),
      ],
    },
  ];
  return mac ? [{ role: 'appMenu', label: options.productName }, ...template] : template;
}
