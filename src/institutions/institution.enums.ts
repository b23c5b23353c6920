import { registerEnumType } from '@nestjs/graphql';

export enum InstitutionType {
  CARE_HOME = 'CARE_HOME',
  COMMUNITY_CENTER = 'COMMUNITY_CENTER',
  HOME_CARE_PROVIDER = 'HOME_CARE_PROVIDER',
  SOCIAL_WORK_ORG = 'SOCIAL_WORK_ORG',
  HOSPITAL_CARE_UNIT = 'HOSPITAL_CARE_UNIT',
  OTHER = 'OTHER',
}
registerEnumType(InstitutionType, { name: 'InstitutionType' });

export enum Ownership {
  PUBLIC_INSTITUTION = 'PUBLIC_INSTITUTION',
  PUBLIC_BUILT_PRIVATE_RUN = 'PUBLIC_BUILT_PRIVATE_RUN',
  PRIVATE_NON_PROFIT = 'PRIVATE_NON_PROFIT',
  PRIVATE_FOR_PROFIT = 'PRIVATE_FOR_PROFIT',
}
registerEnumType(Ownership, { name: 'Ownership' });
