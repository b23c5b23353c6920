// Chinese texts of the pages for anyone, no sign-in. Keys start with 'public.'; en-US/public.ts has the same keys.
export const zhPublic = {} as const;
