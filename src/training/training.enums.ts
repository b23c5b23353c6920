import { registerEnumType } from '@nestjs/graphql';

export enum TrainingAudience {
  CAREGIVER = 'CAREGIVER',
  DIRECTOR = 'DIRECTOR',
  SOCIAL_WORKER = 'SOCIAL_WORKER',
  CAPABILITY_ASSESSOR = 'CAPABILITY_ASSESSOR',
  OTHER = 'OTHER',
}
registerEnumType(TrainingAudience, { name: 'TrainingAudience' });
