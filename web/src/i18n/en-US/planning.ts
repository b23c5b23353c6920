// English texts of the pages for planners: the same keys as zh-CN/planning.ts.
import type { zhPlanning } from '../zh-CN/planning';

export const enPlanning: Record<keyof typeof zhPlanning, string> = {};
