// Chinese texts of the pages for volunteers. Keys start with 'volunteer.'; en-US/volunteer.ts has the same keys.
export const zhVolunteer = {} as const;
