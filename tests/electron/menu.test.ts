import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src/shared/bridge';
import { MENU_COMMANDS } from '../../src/main/electron/channels';
import { menuTemplate, type MenuOptions } from '../../src/main/electron/menu';

const base: MenuOptions = { isDev: false, platform: 'win32', productName: '政府信息公开年报助手' };

function items(menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  assert.ok(Array.isArray(menu.submenu), `${menu.label} has a submenu`);
  return (menu.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
}

function byLabel(template: MenuItemConstructorOptions[], prefix: string): MenuItemConstructorOptions {
  const m = template.find((t) => t.label?.startsWith(prefix));
  assert.ok(m, `menu ${prefix}`);
  return m;
}

test('four Chinese menus with Alt mnemonics', () => {
  const t = menuTemplate(base, () => undefined);
  assert.deepEqual(t.map((m) => m.label), ['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
});

test('文件: 新建、打开、导入、导出、设置 send commands; 退出 is the quit role', () => {
  const sent: MenuCommand[] = [];
  const file = items(byLabel(menuTemplate(base, (c) => sent.push(c)), '文件'));
  assert.deepEqual(file.map((i) => i.label?.slice(0, 2)), ['新建', '打开', '导入', '导出', '设置', '退出']);
  for (const i of file.slice(0, 5)) (i.click as () => void)();
  assert.deepEqual(sent, ['new', 'open', 'import', 'export', 'settings']);
  assert.equal(file[5]!.role, 'quit');
  assert.deepEqual(file.slice(0, 5).map((i) => i.accelerator), ['CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+I', 'CmdOrCtrl+E', 'CmdOrCtrl+,']);
});

test('编辑: the editing roles with Chinese labels; redo is Ctrl+Y as in WPS', () => {
  const edit = items(byLabel(menuTemplate(base, () => undefined), '编辑'));
  assert.deepEqual(edit.map((i) => [i.label, i.role]), [
    ['撤销', 'undo'],
    ['重做', 'redo'],
    ['剪切', 'cut'],
    ['复制', 'copy'],
    ['粘贴', 'paste'],
    ['全选', 'selectAll'],
  ]);
  assert.equal(edit[1]!.accelerator, 'Ctrl+Y');
});

test('视图: zoom and full screen always; reload and devtools only in development', () => {
  const prod = items(byLabel(menuTemplate(base, () => undefined), '视图'));
  assert.deepEqual(prod.map((i) => [i.label, i.role]), [
    ['实际大小', 'resetZoom'],
    ['放大', 'zoomIn'],
    ['缩小', 'zoomOut'],
    ['全屏', 'togglefullscreen'],
  ]);
  const dev = items(byLabel(menuTemplate({ ...base, isDev: true }, () => undefined), '视图'));
  assert.deepEqual(dev.slice(0, 2).map((i) => i.role), ['reload', 'toggleDevTools']);
  assert.equal(dev.length, prod.length + 2);
});

test('帮助: 关于、数据文件夹、备份 send their commands', () => {
  const sent: MenuCommand[] = [];
  const help = items(byLabel(menuTemplate(base, (c) => sent.push(c)), '帮助'));
  assert.match(help[0]!.label!, /^关于“政府信息公开年报助手”$/);
  assert.match(help[1]!.label!, /数据文件夹/);
  assert.match(help[2]!.label!, /备份/);
  for (const i of help) (i.click as () => void)();
  assert.deepEqual(sent, ['about', 'dataFolder', 'backup']);
});

test('every menu command is reachable from the menu, and every label is Chinese', () => {
  const sent = new Set<MenuCommand>();
  const walk = (list: MenuItemConstructorOptions[]): void => {
    for (const i of list) {
      if (i.type === 'separator') continue;
      if (i.label !== undefined) assert.match(i.label, /[\u4e00-\u9fff]/, `label ${i.label}`);
      if (i.click) (i.click as () => void)();
      if (Array.isArray(i.submenu)) walk(i.submenu as MenuItemConstructorOptions[]);
    }
  };
  walk(menuTemplate(base, (c) => sent.add(c)));
  assert.deepEqual([...sent].sort(), [...MENU_COMMANDS].sort());
});

test('macOS gets the application menu first; the rest is the same', () => {
  const mac = menuTemplate({ ...base, platform: 'darwin' }, () => undefined);
  assert.equal(mac[0]!.role, 'appMenu');
  assert.deepEqual(mac.slice(1).map((m) => m.label), ['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
});
