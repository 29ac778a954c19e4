import { writeFileSync } from 'node:fs';
import { exportDocx } from './src/main/export/docx/index';
import { fixture } from './tests/helpers/test-reports';
writeFileSync('/tmp/dx/clean.docx', await exportDocx(fixture('2025-clean.json')));
