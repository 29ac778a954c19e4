export interface NativeTarget {
  platform: string;
  arch: string;
  abi: number;
}
export function readBinaryHeader(bytes: Buffer): { platform: string; arch: string; bits?: number } | { error: string };
export function readModuleAbi(bytes: Buffer): { kind: 'node'; abi: number[] } | { kind: 'napi' } | { kind: 'unknown' };
export function nativeModuleProblems(bytes: Buffer, target: NativeTarget): string[];
export function findNativeModules(dir: string): string[];
export function assertNativeModulesFit(appOutDir: string, target: NativeTarget): string[];
