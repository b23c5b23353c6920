// Chinese texts of the pages for institution admins. Keys start with 'institution.'; en-US/institution.ts has the same keys.
export const zhInstitution = {} as const;
