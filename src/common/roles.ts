import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  MUNICIPAL_PLANNER = 'MUNICIPAL_PLANNER',
  DISTRICT_PLANNER = 'DISTRICT_PLANNER',
  INSTITUTION_ADMIN = 'INSTITUTION_ADMIN',
  EVALUATION_BODY = 'EVALUATION_BODY',
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(Role, { name: 'Role', description: 'One role per account; see DESIGN.md access table.' });

/** The caller of a service method: who they are and the scope their role is bound to. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  regionCode: string | null;
  institutionId: string | null;
  evaluationBodyId: string | null;
}
