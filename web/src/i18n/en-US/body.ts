// English texts of the pages for evaluation bodies and colleges: the same keys as zh-CN/body.ts.
import type { zhBody } from '../zh-CN/body';

export const enBody: Record<keyof typeof zhBody, string> = {};
