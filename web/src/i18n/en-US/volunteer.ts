// English texts of the pages for volunteers: the same keys as zh-CN/volunteer.ts.
import type { zhVolunteer } from '../zh-CN/volunteer';

export const enVolunteer: Record<keyof typeof zhVolunteer, string> = {};
