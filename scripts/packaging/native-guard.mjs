// Which OS, architecture and Node ABI a native module (.node) was built for, read from the file itself, and the
// verdict for a packaging target. Used by the electron-builder afterPack hook (after-pack.mjs): an installer that
// carries a .node built for the development machine (x86-64 Linux, Node's ABI) instead of the target would install
// fine and then fail on the user's machine the first time the app opens its database.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ELF_MACHINES = { 0x03: 'ia32', 0x28: 'armv7l', 0x3e: 'x64', 0xb7: 'arm64' };
const PE_MACHINES = { 0x014c: 'ia32', 0x01c4: 'armv7l', 0x8664: 'x64', 0xaa64: 'arm64' };

/**
 * The platform and architecture in the header: ELF (e_ident class and data, e_machine) or PE (the COFF Machine
 * field after the "PE\0\0" signature). Mach-O is recognised only to be named.
 * @param {Buffer} bytes
 * @returns {{ platform: string, arch: string, bits?: number } | { error: string }}
 */
export function readBinaryHeader(bytes) {
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    const bits = bytes[4] === 2 ? 64 : bytes[4] === 1 ? 32 : 0;
    const little = bytes[5] === 1;
    const machine = little ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
    const arch = ELF_MACHINES[machine] ?? `e_machine 0x${machine.toString(16)}`;
    // An x86-64 or AArch64 machine in a 32-bit ELF (x32, ILP32) is not what Electron loads either.
    const expectedBits = arch === 'x64' || arch === 'arm64' ? 64 : 32;
    if (bits !== expectedBits) return { platform: 'linux', arch: `${arch} (${bits || '?'} 位 ELF)`, bits };
    return { platform: 'linux', arch, bits };
  }
  if (bytes.length >= 0x40 && bytes.toString('latin1', 0, 2) === 'MZ') {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 > bytes.length || bytes.readUInt32BE(pe) !== 0x50450000) return { error: '有 MZ 头但没有 PE 签名' };
    const machine = bytes.readUInt16LE(pe + 4);
    return { platform: 'win32', arch: PE_MACHINES[machine] ?? `Machine 0x${machine.toString(16)}` };
  }
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : 0;
  if ([0xfeedfacf, 0xcffaedfe, 0xfeedface, 0xcefaedfe, 0xcafebabe].includes(magic)) return { platform: 'darwin', arch: 'Mach-O' };
  return { error: '不是 ELF、PE 或 Mach-O 文件' };
}

/**
 * The ABI the module registers itself for: `node_register_module_v<NODE_MODULE_VERSION>` (the exported
 * initializer of a module built against V8 directly, like better-sqlite3) or `napi_register_module_v1` (Node-API,
 * the same binary for every ABI). The names are read from the export strings (ELF .dynstr, PE export names).
 * @param {Buffer} bytes
 * @returns {{ kind: 'node', abi: number[] } | { kind: 'napi' } | { kind: 'unknown' }}
 */
export function readModuleAbi(bytes) {
  const text = bytes.toString('latin1');
  const abis = new Set();
  for (const m of text.matchAll(/node_register_module_v(\d+)\0/g)) abis.add(Number(m[1]));
  if (abis.size > 0) return { kind: 'node', abi: [...abis].sort((a, b) => a - b) };
  if (/napi_register_module_v1\0/.test(text)) return { kind: 'napi' };
  return { kind: 'unknown' };
}

/**
 * Everything wrong with one .node file for a target, as Chinese sentences (empty: it loads there).
 * @param {Buffer} bytes
 * @param {{ platform: string, arch: string, abi: number }} target
 * @returns {string[]}
 */
export function nativeModuleProblems(bytes, target) {
  const problems = [];
  const header = readBinaryHeader(bytes);
  if ('error' in header) problems.push(`读不出文件头（${header.error}）`);
  else {
    if (header.platform !== target.platform) problems.push(`为 ${header.platform} 编译，目标是 ${target.platform}`);
    if (header.arch !== target.arch) problems.push(`架构是 ${header.arch}，目标是 ${target.arch}`);
  }
  const abi = readModuleAbi(bytes);
  if (abi.kind === 'unknown') problems.push('找不到 node_register_module_v<ABI> 或 napi_register_module_v1，无法确认 ABI');
  else if (abi.kind === 'node' && (abi.abi.length !== 1 || abi.abi[0] !== target.abi)) {
    problems.push(`ABI 是 ${abi.abi.join('、')}（NODE_MODULE_VERSION），目标 Electron 需要 ${target.abi}`);
  }
  return problems;
}

/** @param {string} dir @returns {string[]} */
export function findNativeModules(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) return findNativeModules(p);
    return name.endsWith('.node') ? [p] : [];
  });
}

/**
 * Checks every .node under a packed app folder; throws one error naming each bad file, what it was built for
 * and how to rebuild, so the release stops before an installer is made.
 * @param {string} appOutDir
 * @param {{ platform: string, arch: string, abi: number }} target
 * @returns {string[]} the checked files, relative to appOutDir
 */
export function assertNativeModulesFit(appOutDir, target) {
  const files = findNativeModules(appOutDir);
  const bad = files
    .map((f) => ({ file: relative(appOutDir, f), problems: nativeModuleProblems(readFileSync(f), target) }))
    .filter((x) => x.problems.length > 0);
  if (bad.length > 0) {
    const lines = bad.map((x) => `  ${x.file}：${x.problems.join('；')}`);
    throw new Error(
      `打包中止：${bad.length} 个原生模块不能在目标 ${target.platform}-${target.arch}（Electron ABI ${target.abi}）上加载：\n${lines.join('\n')}\n` +
        `请在目标平台上先运行 npx @electron/rebuild -f -w better-sqlite3 --arch ${target.arch}（或 npx electron-builder install-app-deps --arch ${target.arch}），再打包。`,
    );
  }
  return files.map((f) => relative(appOutDir, f));
}
