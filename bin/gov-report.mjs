#!/usr/bin/env node
// gov-report: the command line of 政府信息公开年报助手. The sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/run.ts');
