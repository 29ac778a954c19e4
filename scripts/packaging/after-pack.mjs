// electron-builder afterPack hook (electron-builder.yml): refuses to make an installer whose native modules were
// not built for the target's OS, architecture and Electron ABI. See native-guard.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { assertNativeModulesFit } from './native-guard.mjs';

const require = createRequire(import.meta.url);
// electron-builder's Arch enum (builder-util): the numbers it passes in the context.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The NODE_MODULE_VERSION of an Electron release: the electron package states its own; node-abi knows the others. */
function electronAbi(version) {
  const installed = require('electron/package.json').version;
  if (installed === version) return Number(readFileSync(require.resolve('electron/abi_version'), 'utf8').trim());
  return Number(require('node-abi').getAbi(version, 'electron'));
}

/** @param {{ appOutDir: string, electronPlatformName: string, arch: number, packager: { config: { electronVersion?: string }, info: { framework: { version: string } } } }} context */
export async function afterPack(context) {
  const version = context.packager.config.electronVersion ?? context.packager.info.framework.version;
  const target = { platform: context.electronPlatformName, arch: ARCH_NAMES[context.arch] ?? String(context.arch), abi: electronAbi(version) };
  const checked = assertNativeModulesFit(context.appOutDir, target);
  console.log(`  • 原生模块检查通过（${target.platform}-${target.arch}，Electron ${version}，ABI ${target.abi}）：${checked.join('、') || '无'}`);
}

export default afterPack;
