import DataLoader from 'dataloader';

/**
 * The DataLoaders of one request, created on first use and dropped with the request, so nothing is cached across
 * users. Each domain names its loaders in its own `*.loader.ts`.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

export interface GraphQLContext {
  req: import('../auth/auth.decorators.js').AuthedRequest;
  loaders: RequestLoaders;
}
