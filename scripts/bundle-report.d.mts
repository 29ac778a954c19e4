// Types of bundle-report.mjs for the TypeScript that imports it (bench/ui.bench.ts, the tests).
export const ENTRY_FILE: string;
export const BOOT_FILE: string;
export const SCREEN_PRELOADS: Readonly<Record<string, string>>;
export const CHUNK_DIR: string;
export const FIRST_SCREENS: readonly { name: string; chunk: string }[];
export type Imports = (file: string) => string[];
export interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
  /** boot.js, app.js or imported statically by them: every first screen needs it. */
  entry: boolean;
  /** Names of the first screens that need it. */
  screens: string[];
}
export interface ScreenTotal {
  name: string;
  files: number;
  bytes: number;
  gzip: number;
}
export function packageOf(input: string): string;
export function staticClosure(imports: Imports, ...files: string[]): Set<string>;
export function screenChunk(files: readonly string[], chunk: string): string | undefined;
export function staticImportsFromMetafile(metafile: unknown, outdir: string, workingDir: string): Imports;
export function staticImportsFromFiles(outdir: string): Imports;
export function entryClosure(imports: Imports): Set<string>;
export function screenPreloads(outdir: string, imports: Imports): Record<string, string[]>;
export function describeChunks(outdir: string, imports?: Imports): { chunks: Chunk[]; totals: ScreenTotal[] };
export function packagesByChunk(metafile: unknown, outdir: string, workingDir: string): Map<string, [string, number][]>;
export function formatReport(described: { chunks: Chunk[]; totals: ScreenTotal[] }, packages: Map<string, [string, number][]>, top?: number): string;
