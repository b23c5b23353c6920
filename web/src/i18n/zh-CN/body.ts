// Chinese texts of the pages for evaluation bodies and colleges. Keys start with 'body.'; en-US/body.ts has the same keys.
export const zhBody = {} as const;
