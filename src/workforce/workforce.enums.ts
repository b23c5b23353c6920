import { registerEnumType } from '@nestjs/graphql';

export enum Occupation {
  CAREGIVER = 'CAREGIVER',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  CAPABILITY_ASSESSOR = 'CAPABILITY_ASSESSOR',
  MEDICAL = 'MEDICAL',
  NURSE = 'NURSE',
  REHABILITATION = 'REHABILITATION',
  NUTRITION = 'NUTRITION',
  PSYCHOLOGICAL_COUNSELOR = 'PSYCHOLOGICAL_COUNSELOR',
  DIRECTOR = 'DIRECTOR',
  MANAGER = 'MANAGER',
}

export enum Team {
  CARE = 'CARE',
  PROFESSIONAL_TECHNICAL = 'PROFESSIONAL_TECHNICAL',
  MANAGEMENT = 'MANAGEMENT',
}

/** The team each occupation belongs to (DESIGN.md). */
export const TEAM_OF: Record<Occupation, Team> = {
  [Occupation.CAREGIVER]: Team.CARE,
  [Occupation.SOCIAL_WORKER]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.CAPABILITY_ASSESSOR]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.MEDICAL]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.NURSE]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.REHABILITATION]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.NUTRITION]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.PSYCHOLOGICAL_COUNSELOR]: Team.PROFESSIONAL_TECHNICAL,
  [Occupation.DIRECTOR]: Team.MANAGEMENT,
  [Occupation.MANAGER]: Team.MANAGEMENT,
};

export enum PostType {
  FULL_TIME = 'FULL_TIME',
  PART_TIME = 'PART_TIME',
}

export enum EndReason {
  RESIGNED = 'RESIGNED',
  TRANSFERRED = 'TRANSFERRED',
  RETIRED = 'RETIRED',
  CONTRACT_ENDED = 'CONTRACT_ENDED',
  DISMISSED = 'DISMISSED',
  DECEASED = 'DECEASED',
  OTHER = 'OTHER',
}

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum Education {
  PRIMARY_OR_BELOW = 'PRIMARY_OR_BELOW',
  JUNIOR_SECONDARY = 'JUNIOR_SECONDARY',
  SENIOR_SECONDARY = 'SENIOR_SECONDARY',
  VOCATIONAL_SECONDARY = 'VOCATIONAL_SECONDARY',
  JUNIOR_COLLEGE = 'JUNIOR_COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER_OR_ABOVE = 'MASTER_OR_ABOVE',
}

registerEnumType(Occupation, {
  name: 'Occupation',
  description: 'An elder-care occupation; each belongs to one team.',
});
registerEnumType(Team, { name: 'Team', description: 'CARE, PROFESSIONAL_TECHNICAL or MANAGEMENT.' });
registerEnumType(PostType, { name: 'PostType' });
registerEnumType(EndReason, { name: 'EndReason' });
registerEnumType(Sex, { name: 'Sex', description: 'Derived from the resident ID number.' });
registerEnumType(Education, { name: 'Education' });
