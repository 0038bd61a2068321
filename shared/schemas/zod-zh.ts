// All validation messages are Chinese: zod's zh-CN locale for generic issues, our own for domain ones.
import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';

z.config(zhCN());

export { z };
