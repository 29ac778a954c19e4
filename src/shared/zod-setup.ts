/** Chinese messages for every zod validation, set once wherever the shared code is loaded. */
import { config } from 'zod';
// Only the one locale: `z.locales.zhCN()` through the namespace makes bundlers keep all of zod's locales.
import zhCN from 'zod/v4/locales/zh-CN.js';

config(zhCN());
// zod probes `new Function` to decide whether to compile validators; the app's CSP forbids eval, so skip the probe.
config({ jitless: true });
