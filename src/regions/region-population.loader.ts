import DataLoader from 'dataloader';
import type { RequestLoaders } from '../common/loaders.js';
import type { RegionPopulationEntity } from './region.entity.js';
import type { PopulationKey, RegionsService } from './regions.service.js';

export const populationLoader = (loaders: RequestLoaders, regions: RegionsService) =>
  loaders.get(
    'regionPopulation',
    () =>
      new DataLoader<PopulationKey, RegionPopulationEntity | null, string>((keys) => regions.populations(keys), {
        cacheKeyFn: (k) => `${k.regionCode}:${k.year ?? ''}`,
      }),
  );
