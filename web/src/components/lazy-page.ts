/** A route's page as its own chunk: `lazy: page(() => import('./some-page'))` (the module's default export). */
export const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});
