/** Chinese messages for every zod validation, set once wherever the shared code is loaded. */
import { z } from 'zod';

z.config(z.locales.zhCN());
// zod probes `new Function` to decide whether to compile validators; the app's CSP forbids eval, so skip the probe.
z.config({ jitless: true });
