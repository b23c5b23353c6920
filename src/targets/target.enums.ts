import { registerEnumType } from '@nestjs/graphql';

export enum TargetMetric {
  TALENT_HEADCOUNT = 'TALENT_HEADCOUNT',
  TRAINING_PERSON_SESSIONS = 'TRAINING_PERSON_SESSIONS',
  SOCIAL_WORKERS_PER_1000_OLDER_ADULTS = 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS',
  SOCIAL_WORKERS_PER_100_BEDS = 'SOCIAL_WORKERS_PER_100_BEDS',
}
registerEnumType(TargetMetric, { name: 'TargetMetric' });

/** What a city count target is shared out by among the districts and counties (apportionTarget). */
export enum ApportionBasis {
  OLDER_ADULTS = 'OLDER_ADULTS',
  HEADCOUNT = 'HEADCOUNT',
  CARE_HOME_BEDS = 'CARE_HOME_BEDS',
}
registerEnumType(ApportionBasis, {
  name: 'ApportionBasis',
  description:
    'OLDER_ADULTS: each region’s latest 60+ population figure; HEADCOUNT: today’s headcount by primary job; ' +
    'CARE_HOME_BEDS: the licensed beds of its care homes.',
});
