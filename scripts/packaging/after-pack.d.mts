export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { config: { electronVersion?: string }; info: { framework: { version: string } } };
}
export function afterPack(context: AfterPackContext): Promise<void>;
export default afterPack;
