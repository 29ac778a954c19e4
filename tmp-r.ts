import { writeFileSync } from 'node:fs';
import { exportDocx } from './src/main/export/docx/index';
import { renderDocx } from './tests/helpers/render';
import { bigNumbers } from './tests/helpers/test-reports';
const f = (process.argv[2] ?? 'GOV-2019') as 'GOV-2019';
const r = renderDocx(await exportDocx(bigNumbers(f)), { name: 'big', png: 60 });
writeFileSync('/tmp/dx/big.txt', r.layoutText);
console.log(r.pngs.join('\n'), r.pages);
