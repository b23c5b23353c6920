// English texts of the pages for the admin: the same keys as zh-CN/admin.ts.
import type { zhAdmin } from '../zh-CN/admin';

export const enAdmin: Record<keyof typeof zhAdmin, string> = {};
