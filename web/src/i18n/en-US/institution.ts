// English texts of the pages for institution admins: the same keys as zh-CN/institution.ts.
import type { zhInstitution } from '../zh-CN/institution';

export const enInstitution: Record<keyof typeof zhInstitution, string> = {};
