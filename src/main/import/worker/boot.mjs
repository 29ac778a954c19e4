// Starts the import worker from the TypeScript sources (tests, browser mode, the CLI): tsx's loader is
// registered in this thread first. The Electron build runs the bundled dist/electron/import-worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
