// Chinese texts of the pages for planners. Keys start with 'planning.'; en-US/planning.ts has the same keys.
export const zhPlanning = {} as const;
