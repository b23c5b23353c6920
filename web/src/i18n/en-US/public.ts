// English texts of the pages for anyone, no sign-in: the same keys as zh-CN/public.ts.
import type { zhPublic } from '../zh-CN/public';

export const enPublic: Record<keyof typeof zhPublic, string> = {};
