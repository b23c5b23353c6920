// Chinese texts of the pages for the admin. Keys start with 'admin.'; en-US/admin.ts has the same keys.
export const zhAdmin = {} as const;
