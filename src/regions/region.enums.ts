import { registerEnumType } from '@nestjs/graphql';

export enum RegionKind {
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  AUTONOMOUS_COUNTY = 'AUTONOMOUS_COUNTY',
  FUNCTIONAL_ZONE = 'FUNCTIONAL_ZONE',
}
registerEnumType(RegionKind, { name: 'RegionKind' });

export enum PopulationBasis {
  CENSUS = 'CENSUS',
  OFFICIAL_ESTIMATE = 'OFFICIAL_ESTIMATE',
  DEMO_ESTIMATE = 'DEMO_ESTIMATE',
}
registerEnumType(PopulationBasis, {
  name: 'PopulationBasis',
  description: 'Where a population figure comes from, so an estimate is never shown as a census number.',
});

/** Divisions that count in district and city sums; functional zones overlap them and never do. */
export const COUNTY_LEVEL_KINDS = [RegionKind.DISTRICT, RegionKind.COUNTY, RegionKind.AUTONOMOUS_COUNTY];
