/** Chinese messages for every zod validation, set once wherever the shared code is loaded. */
import { z } from 'zod';

z.config(z.locales.zhCN());
