/** Entry point of bin/gov-report.mjs. */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
